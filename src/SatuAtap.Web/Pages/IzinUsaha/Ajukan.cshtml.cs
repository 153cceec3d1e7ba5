using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Licensing;
using SatuAtap.Web.Infrastructure;
using SatuAtap.Web.Licensing;

namespace SatuAtap.Web.Pages.IzinUsaha;

/// <summary>
/// Apply for every permit of the navigator's answer at once: the answers come in the query, the form asks each field
/// the permits need once; it makes the bundle and goes to it.
/// </summary>
[Authorize]
public sealed class AjukanModel(AssessBusiness assess, CreateBundle create, CatalogCache catalogs, FormTokens tokens) : PageModel
{
    public AssessmentView? Assessment { get; private set; }
    public IReadOnlyList<RequirementView> Fields { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Message { get; private set; }
    public Dictionary<string, string?> Values { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The village: the navigator's answer at first, then as the form sends it.</summary>
    public string? Village { get; private set; }

    public string? Error(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var claim = await tokens.ClaimAsync(Request, "izin-usaha.ajukan", ct);
        if (claim.Repeat) return Redirect(claim.ResultUrl ?? "/izin-usaha");
        foreach (var f in Fields) Values[f.Name] = Request.Form["field:" + f.Name].ToString();
        Village = Request.Form["village"].ToString();
        var (answers, _) = AssessmentQuery.Read(Request.Query);
        var created = await create.HandleAsync(new CreateBundleRequest(answers.Activities, answers.CapitalRupiah, answers.District, answers.UsesBuilding,
            answers.HomeFood, answers.Employees, answers.InvestmentRupiah, Values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value),
            Village: Village), HttpContext.Caller(), ct);
        if (!created.Succeeded)
        {
            await tokens.FailedAsync(claim, "/izin-usaha/ajukan" + Request.QueryString);
            Errors = created.Errors ?? new Dictionary<string, string[]>();
            Message = created.Message;
            Response.StatusCode = Problems.StatusOf(created.Kind);
            return Page();
        }
        var url = $"/izin-usaha/bundel/{created.Value!.Id}";
        await tokens.CompleteAsync(claim, url);
        return Redirect(url);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var (answers, errors) = AssessmentQuery.Read(Request.Query);
        if (errors.Count > 0) return false;
        // The village is asked again on the form (and checked when the bundle is made), so a bad one is shown there.
        Village = answers.Village;
        var (evaluated, _) = await assess.EvaluateAsync(answers with { Village = null }, ct);
        if (evaluated is null) return false;
        Assessment = evaluated.View;
        Fields = FieldsOf(evaluated.Assessment, await catalogs.GetAsync(ct));
        return true;
    }

    /// <summary>The fields the bundle's applications ask, each once (also the officer's form at /kelola/izin-usaha/atas-nama).</summary>
    public static IReadOnlyList<RequirementView> FieldsOf(Assessment assessment, CatalogSnapshot catalog) =>
        BundlePlan.ServicesOf(assessment).Keys
            .Select(code => catalog.ServicesByCode.GetValueOrDefault(code))
            .Where(s => s is not null && s.Channels.HasFlag(ServiceChannels.Online))
            .SelectMany(s => s!.Requirements.Where(r => r.Kind == RequirementKind.Field))
            .DistinctBy(r => r.Name.Trim().ToLowerInvariant()).ToList();
}
