using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Licensing;
using SatuAtap.Web.Infrastructure;
using SatuAtap.Web.Licensing;
using SatuAtap.Web.Pages.IzinUsaha;

namespace SatuAtap.Web.Pages.Kelola.IzinUsaha;

/// <summary>
/// A Link-Satu officer (at the desk or with the mobile unit) makes the navigator's bundle on a business owner's behalf:
/// without an id, the form (the owner's details and each field once), whose answers come in the query; with the id of
/// the bundle made, the owner's code is entered (or a new one sent), and then the bundle's own page takes the documents
/// and the submission.
/// </summary>
public sealed class AtasNamaModel(AssessBusiness assess, CreateBundle create, GetBundle get, ConfirmBundle confirm, SendBundleConfirmation send,
    CatalogCache catalogs, FormTokens tokens) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    public AssessmentView? Assessment { get; private set; }
    public BundleView? Bundle { get; private set; }
    public IReadOnlyList<RequirementView> Fields { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Message { get; private set; }
    public bool Done { get; private set; }
    public Dictionary<string, string?> Values { get; } = new(StringComparer.OrdinalIgnoreCase);
    [BindProperty] public string? Nama { get; set; }
    [BindProperty] public string? Nik { get; set; }
    [BindProperty] public string? Ponsel { get; set; }
    [BindProperty] public string? Surel { get; set; }
    [BindProperty] public string? Kode { get; set; }
    /// <summary>The village where the business runs: the navigator's answer at first, then as the form sends it.</summary>
    [BindProperty(Name = "village")] public string? Village { get; set; }

    public string? Error(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!HttpContext.Caller().IsAgencyStaff) return Forbid();
        return Id is null ? await LoadFormAsync(ct) ? Page() : NotFound() : await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Id is not null) return NotFound();
        if (!HttpContext.Caller().IsAgencyStaff) return Forbid();
        if (!await LoadFormAsync(ct)) return NotFound();
        var claim = await tokens.ClaimAsync(Request, "izin-usaha.atas-nama", ct);
        if (claim.Repeat) return Redirect(claim.ResultUrl ?? "/kelola/izin-usaha");
        foreach (var f in Fields) Values[f.Name] = Request.Form["field:" + f.Name].ToString();
        var (answers, _) = AssessmentQuery.Read(Request.Query);
        var created = await create.HandleAsync(new CreateBundleRequest(answers.Activities, answers.CapitalRupiah, answers.District, answers.UsesBuilding,
            answers.HomeFood, answers.Employees, answers.InvestmentRupiah,
            Values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value),
            new InPersonApplicant(Nama, Blank(Nik), Blank(Ponsel), Blank(Surel), Lang.Code), Village), HttpContext.Caller(), ct);
        if (!created.Succeeded)
        {
            await tokens.FailedAsync(claim, "/kelola/izin-usaha/atas-nama" + Request.QueryString);
            Fail(created.Kind, created.Message, created.Errors);
            return Page();
        }
        var url = $"/kelola/izin-usaha/atas-nama/{created.Value!.Id}";
        await tokens.CompleteAsync(claim, url);
        return Redirect(url);
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (Id is not { } id) return NotFound();
        var outcome = await confirm.HandleAsync(id, Kode, HttpContext.Caller(), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Succeeded) Message = Lang.T("Pemohon sudah mengonfirmasi. Unggah dokumen lalu ajukan bundel.", "The applicant has confirmed. Upload the documents, then submit the bundle.");
        else Fail(outcome.Kind, outcome.Message, outcome.Errors);
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        if (Id is not { } id) return NotFound();
        var outcome = await send.HandleAsync(id, HttpContext.Caller(), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Succeeded)
            Message = Lang.T($"Kode baru dikirim ke {string.Join(", ", outcome.Value!.SentTo)}.", $"A new code was sent to {string.Join(", ", outcome.Value!.SentTo)}.");
        else Fail(outcome.Kind, outcome.Message, outcome.Errors);
        return await ShowAsync(ct);
    }

    private void Fail(OutcomeKind kind, string? message, IReadOnlyDictionary<string, string[]>? errors)
    {
        Message = message ?? Lang.T("Periksa kembali isian yang ditandai.", "Check the marked entries.");
        Errors = errors ?? new Dictionary<string, string[]>();
        Response.StatusCode = Problems.StatusOf(kind);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private async Task<bool> LoadFormAsync(CancellationToken ct)
    {
        var (answers, errors) = AssessmentQuery.Read(Request.Query);
        if (errors.Count > 0) return false;
        // The village is asked on the form (and checked when the bundle is made), so a bad one is shown there.
        if (!Request.HasFormContentType) Village = answers.Village;
        var (evaluated, _) = await assess.EvaluateAsync(answers with { Village = null }, ct);
        if (evaluated is null) return false;
        Assessment = evaluated.View;
        Fields = AjukanModel.FieldsOf(evaluated.Assessment, await catalogs.GetAsync(ct));
        return true;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var found = await get.HandleAsync(Id!.Value, HttpContext.Caller(), ct);
        if (!found.Succeeded) return NotFound();
        Bundle = found.Value!;
        return Page();
    }
}
