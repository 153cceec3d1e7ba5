using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Licensing;
using SatuAtap.Web.Infrastructure;
using static SatuAtap.Web.Infrastructure.Answers;

namespace SatuAtap.Web.Licensing;

public sealed record ActivityParameterItem(string Name, string Label, decimal Above, string RaisesTo);

public sealed record ActivityItem(string Kbli, string Title, string? TitleEn, IReadOnlyDictionary<string, string> RiskByScale, IReadOnlyList<string> Synonyms,
    ActivityParameterItem? Parameter);

public sealed record ConfirmCodeRequest(string? Code);

/// <summary>Licensing (Link-Satu) API: activity search, the navigator and its checklist, bundles, their tracking, the table import.</summary>
public static class LicensingEndpoints
{
    public const long MaxTableBytes = 8 * 1024 * 1024;
    /// <summary>The most activities one search answers: a phone screen's worth; more words narrow it.</summary>
    public const int MaxActivities = 20;

    public static void MapLicensingEndpoints(this IEndpointRouteBuilder app)
    {
        var maxUpload = app.ServiceProvider.GetRequiredService<IOptions<ApplicationsOptions>>().Value.MaxUploadBytes;
        var api = app.MapGroup("/api/v1/licensing").WithTags("Licensing");

        api.MapGet("/activities", async (string? q, ActivityTableCache tables, CancellationToken ct) =>
        {
            if (q is { Length: > 100 }) return Problems.Invalid("q", Lang.T("Paling banyak 100 karakter.", "At most 100 characters."));
            var view = await tables.GetAsync(ct);
            return Results.Ok(view.Index.Search(q, MaxActivities).Select(Item).ToList());
        });
        api.MapGet("/table", async (ActivityTableCache tables, CancellationToken ct) =>
            (await tables.GetAsync(ct)).Table is { } t
                ? Results.Ok(new { source = t.Source, date = t.SourceDate, demo = t.IsDemo, activities = t.ActivityCount, tableVersion = t.Version, importedAt = DateTime.SpecifyKind(t.ImportedAtUtc, DateTimeKind.Utc) })
                : Problems.Problem(404, Lang.T("Tabel kegiatan usaha belum diimpor.", "The activity table has not been imported yet.")));
        api.MapPost("/activities/import", async (HttpRequest request, ImportActivityTable import, HttpContext http, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var outcome = await import.HandleAsync(new StringReader(await reader.ReadToEndAsync(ct)), http.Caller(), ct);
            return Answer(outcome);
        }).RequireAuthorization(Policies.Manager).WithMetadata(new RequestSizeLimitAttribute(MaxTableBytes));

        api.MapPost("/assessments", async (AssessmentRequest body, AssessBusiness assess, CancellationToken ct) =>
            Assessed(await assess.HandleAsync(body, ct), Results.Ok));
        api.MapGet("/assessments/checklist.pdf", async (HttpContext http, AssessBusiness assess, MallIdentity mall, MallTime time, CancellationToken ct) =>
        {
            var (request, errors) = AssessmentQuery.Read(http.Request.Query);
            if (errors.Count > 0) return Problems.Invalid(errors);
            return Assessed(await assess.HandleAsync(request, ct), v => Checklist(v, mall, time));
        }).RequireRateLimiting(RateLimiting.PublicWrites);
        api.MapPost("/assessments/checklist.pdf", async (AssessmentRequest body, AssessBusiness assess, MallIdentity mall, MallTime time, CancellationToken ct) =>
            Assessed(await assess.HandleAsync(body, ct), v => Checklist(v, mall, time))).RequireRateLimiting(RateLimiting.PublicWrites);

        var bundles = api.MapGroup("/bundles").RequireAuthorization();
        bundles.MapPost("", async (CreateBundleRequest body, CreateBundle create, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await create.HandleAsync(body, http.Caller(), ct);
            return outcome.Succeeded ? Results.Created($"/api/v1/licensing/bundles/{outcome.Value!.Id}", outcome.Value)
                : outcome.Kind == OutcomeKind.NotFound ? NotFoundWithErrors(outcome) : Problems.From(outcome);
        });
        bundles.MapGet("/{id:guid}", async (Guid id, GetBundle get, HttpContext http, CancellationToken ct) =>
            Answer(await get.HandleAsync(id, http.Caller(), ct)));
        bundles.MapPost("/{id:guid}/documents", async (Guid id, HttpContext http, UploadBundleDocument upload, CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType)
                return Problems.Problem(415, Lang.T("Kirim sebagai multipart/form-data dengan 'name' (nama dokumen) dan 'file'.", "Send multipart/form-data with 'name' (the document's name) and 'file'."));
            var form = await http.Request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            if (file is not null && file.Length > maxUpload)
                return Problems.Problem(413, Lang.T($"Berkas melebihi batas {maxUpload / 1024 / 1024.0:0.#} MB.", $"The file is over the {maxUpload / 1024 / 1024.0:0.#} MB limit."));
            await using var stream = file?.OpenReadStream();
            var outcome = await upload.HandleAsync(id, form["name"].ToString(), stream, file?.FileName, file?.Length ?? 0, http.Caller(), ct);
            return outcome.Succeeded ? Results.Created($"/api/v1/licensing/bundles/{id}", outcome.Value) : Problems.From(outcome);
        }).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(maxUpload + 64 * 1024));
        bundles.MapPost("/{id:guid}/submit", async (Guid id, SubmitBundle submit, HttpContext http, CancellationToken ct) =>
            Answer(await submit.HandleAsync(id, http.Caller(), ct)));
        // Made on a business owner's behalf: the owner's code confirms it; the officer who made it may send a new code.
        bundles.MapPost("/{id:guid}/confirm", async (Guid id, ConfirmCodeRequest? body, ConfirmBundle confirm, HttpContext http, CancellationToken ct) =>
            Answer(await confirm.HandleAsync(id, body?.Code, http.Caller(), ct)));
        bundles.MapPost("/{id:guid}/confirmation-code", async (Guid id, SendBundleConfirmation send, HttpContext http, CancellationToken ct) =>
            Answer(await send.HandleAsync(id, http.Caller(), ct)));
        bundles.MapGet("", async (string? district, string? from, string? to, string? page, string? pageSize, ListBundles list, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var f = read.Date("from", from, false);
            var t = read.Date("to", to, false);
            var p = read.Int("page", page, 1, 1, 100_000);
            var size = read.Int("pageSize", pageSize, 20, 1, 100);
            if (district is { Length: > 100 }) read.Fail("district", Lang.T("Paling banyak 100 karakter.", "At most 100 characters."));
            if (read.Failed) return read.Problem();
            return Answer(await list.HandleAsync(new BundleQuery(district, f, t, p, size), http.Caller(), ct));
        }).RequireAuthorization(Policies.Staff);

        // A bundle's number is followed at the same address as an application's (/api/v1/tracking/{number}): the
        // bundle's prefix is a literal here, which routing prefers to the applications' plain parameter.
        app.MapGet("/api/v1/tracking/LS-{rest}", async (string rest, string? check, TrackBundle track, CancellationToken ct) =>
            Answer(await track.HandleAsync("LS-" + rest, check, ct))).WithTags("Licensing").RequireRateLimiting(RateLimiting.Tracking).WithNoReferrer();
    }

    // Each activity's answer is made once per table and language, not on every search: a search then allocates little
    // besides its list, which keeps the collector (and the latency tail under load) down. The entries go with the table.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ActivityDefinition, ActivityItem> ItemsId = [], ItemsEn = [];

    private static ActivityItem Item(ActivityDefinition a) => (Lang.IsEnglish ? ItemsEn : ItemsId).GetValue(a, NewItem);

    private static ActivityItem NewItem(ActivityDefinition a) => new(a.Kbli, a.Title, a.TitleEn,
        new Dictionary<string, string>
        {
            ["micro"] = RiskCodes.Code(a.RiskAt(BusinessScale.Micro)), ["small"] = RiskCodes.Code(a.RiskAt(BusinessScale.Small)),
            ["medium"] = RiskCodes.Code(a.RiskAt(BusinessScale.Medium)), ["large"] = RiskCodes.Code(a.RiskAt(BusinessScale.Large)),
        },
        a.Synonyms, a.Raise is { } r ? new ActivityParameterItem(r.Parameter, r.DisplayLabel, r.Above, RiskCodes.Code(r.To)) : null);

    private static IResult Assessed(Outcome<AssessmentView> outcome, Func<AssessmentView, IResult> ok) =>
        outcome.Succeeded ? ok(outcome.Value!) : outcome.Kind == OutcomeKind.NotFound ? NotFoundWithErrors(outcome) : Problems.From(outcome);

    /// <summary>404 for unknown KBLI codes, each with the close codes of the table.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFoundWithErrors<T>(Outcome<T> outcome) =>
        Problems.Problem(404, outcome.Message, outcome.Errors is null ? null : new Dictionary<string, object?> { ["errors"] = outcome.Errors });

    private static IResult Checklist(AssessmentView view, MallIdentity mall, MallTime time) =>
        Downloads.Attachment(ChecklistPdf.Build(view, mall.Letterhead(), time.Now), "application/pdf", "daftar-periksa-izin-usaha.pdf");
}
