using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Perjanjian;

/// <summary>An agreement: number, parties, dates, the services and counters it covers (weekdays and officers), and its scan.</summary>
[Authorize(Policy = Policies.Manager)]
[RequestSizeLimit(SaveAgreement.MaxDocumentBytes + 64 * 1024)]
public sealed class EditModel(SatuAtapDb db, SaveAgreement save, FileStore files) : PageModel
{
    public sealed class CounterRow
    {
        public Guid? CounterId { get; set; }
        public string? Days { get; set; }
        public int? Officers { get; set; }
    }

    [BindProperty] public AgreementDocument Form { get; set; } = null!;
    [BindProperty] public List<CounterRow> Rows { get; set; } = [];

    public bool IsNew { get; private set; }
    public bool Saved { get; private set; }
    public string? Message { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);
    public List<CounterRow> CounterRows { get; private set; } = [];
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public IReadOnlyList<Service> Services { get; private set; } = [];
    public IReadOnlyList<Counter> Counters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, bool disimpan, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (disimpan) { Saved = true; Message = Lang.T("Perubahan tersimpan.", "Changes saved."); }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        IsNew = id == "baru";
        Guid? existing = IsNew ? null : Guid.TryParse(id, out var g) ? g : null;
        if (!IsNew && existing is null) return NotFound();
        var counters = Rows.Where(r => r.CounterId is not null || !string.IsNullOrWhiteSpace(r.Days))
            .Select(r => new AgreementCounterDocument(r.CounterId, ParseDays(r.Days), r.Officers)).ToList();
        var outcome = await save.HandleAsync(existing, Form with { Counters = counters, ServiceIds = Form.ServiceIds ?? [] }, HttpContext.Caller(), ct);
        if (outcome.Succeeded) return Redirect($"/kelola/perjanjian/{outcome.Value}?disimpan=true");
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        var posted = Form;
        var rows = Rows;
        await LoadAsync(id, ct);
        Form = posted with { Id = existing, HasDocument = Form.HasDocument, DocumentName = Form.DocumentName };
        CounterRows = [.. rows, .. Enumerable.Range(0, 2).Select(_ => new CounterRow())];
        Message = outcome.Message;
        Errors = new FormErrors(outcome.Errors);
        Response.StatusCode = Problems.StatusOf(outcome.Kind);
        return Page();
    }

    public async Task<IActionResult> OnPostDocumentAsync(string id, IFormFile? file, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid)) return NotFound();
        Outcome<Guid> outcome;
        if (file is null || file.Length == 0)
            outcome = Outcome<Guid>.Invalid("file", Lang.T("Pilih berkas yang akan diunggah.", "Choose a file to upload."));
        else
        {
            await using var stream = file.OpenReadStream();
            outcome = await save.AttachDocumentAsync(guid, stream, file.FileName, files, HttpContext.Caller(), ct);
        }
        if (outcome.Succeeded) return Redirect($"/kelola/perjanjian/{guid}?disimpan=true");
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        await LoadAsync(id, ct);
        Errors = new FormErrors(outcome.Errors ?? new Dictionary<string, string[]> { ["file"] = [outcome.Message ?? ""] });
        Response.StatusCode = Problems.StatusOf(outcome.Kind);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        IsNew = id == "baru";
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
        Services = await db.Services.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
        Counters = await db.Counters.AsNoTracking().Include(c => c.Agency).OrderBy(c => c.Code).ToListAsync(ct);
        if (IsNew)
        {
            Form = new AgreementDocument(null, "", "memorandum", "", (Agencies is [var first, ..] ? first.Id : null), "", null, null, null, [], [], null);
        }
        else
        {
            if (!Guid.TryParse(id, out var guid)) return false;
            var a = await SaveAgreement.Query(db).AsNoTracking().FirstOrDefaultAsync(x => x.Id == guid, ct);
            if (a is null) return false;
            Form = AgreementDocument.From(a);
        }
        CounterRows = (Form.Counters ?? []).Select(c => new CounterRow
        {
            CounterId = c.CounterId, Days = string.Join(",", c.Weekdays ?? []), Officers = c.Officers,
        }).Concat(Enumerable.Range(0, 2).Select(_ => new CounterRow())).ToList();
        return true;
    }

    private static int[] ParseDays(string? days) =>
        (days ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(d => int.TryParse(d, out var n) ? n : 0).ToArray();
}
