using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Outreach;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Keliling;

/// <summary>
/// A manager chooses the officers who travel with a visit (<see cref="ChooseVisitOfficers"/>), from the staff accounts
/// of the agencies whose services the visit offers.
/// </summary>
[Authorize(Policy = Policies.Manager)]
public sealed class PetugasModel(ChooseVisitOfficers choose, OutreachReads reads, SatuAtapDb db, CatalogCache catalog) : PageModel
{
    public sealed record Candidate(Guid Id, string Name, string Agency, bool Chosen);

    [BindProperty] public List<string> OfficerIds { get; set; } = [];
    public VisitView Visit { get; private set; } = null!;
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await reads.VisitAsync(id, ct) is not { } visit) return NotFound();
        await ShowAsync(visit, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var outcome = await choose.HandleAsync(id, new VisitOfficersRequest(OfficerIds.ToArray<string?>()), HttpContext.Caller(), ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        if (outcome.Kind == OutcomeKind.NotFound && await reads.VisitAsync(id, ct) is null) return NotFound();
        Done = outcome.Succeeded;
        Message = Done ? Lang.T("Petugas kunjungan disimpan.", "The visit's officers are saved.")
            : outcome.Message + (outcome.Errors is { } e ? " " + string.Join(" ", e.Values.SelectMany(v => v)) : "");
        if (!Done) Response.StatusCode = Problems.StatusOf(outcome.Kind);
        await ShowAsync(outcome.Value ?? (await reads.VisitAsync(id, ct))!, ct);
        return Page();
    }

    private async Task ShowAsync(VisitView visit, CancellationToken ct)
    {
        Visit = visit;
        var snapshot = await catalog.GetAsync(ct);
        var agencies = visit.Services.Select(s => snapshot.ServicesById.GetValueOrDefault(s.ServiceId)?.Agency).OfType<AgencyView>()
            .DistinctBy(a => a.Id).ToDictionary(a => a.Id);
        var ids = agencies.Keys.ToList();
        var chosen = (visit.Officers ?? []).Select(o => o.Id).ToHashSet();
        var accounts = await db.Users.AsNoTracking().Where(u => u.AgencyId != null && ids.Contains(u.AgencyId.Value))
            .Select(u => new { u.Id, u.FullName, AgencyId = u.AgencyId!.Value }).ToListAsync(ct);
        Candidates = accounts.Select(a => new Candidate(a.Id, a.FullName, agencies[a.AgencyId].DisplayName, chosen.Contains(a.Id)))
            .OrderBy(c => c.Agency, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
    }
}
