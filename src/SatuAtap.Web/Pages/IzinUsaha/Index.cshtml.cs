using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Licensing;
using SatuAtap.Web.Licensing;

namespace SatuAtap.Web.Pages.IzinUsaha;

/// <summary>
/// The Link-Satu navigator, without an account and without script: find the activities by everyday words, answer the
/// questions (the parameters that raise an activity's risk only for the activities that have one), and read which
/// permits the business needs; then save the checklist, apply for all at once, or book the Link-Satu desk.
/// </summary>
public sealed class IndexModel(ActivityTableCache tables, AssessBusiness assess, CatalogCache catalogs) : PageModel
{
    public const string DeskService = "PTSP-LINKSATU";

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "aksi")] public string? Action { get; set; }

    public ActivityTableView Table { get; private set; } = null!;
    public IReadOnlyList<ActivityDefinition> Found { get; private set; } = [];
    public IReadOnlyList<ActivityDefinition> Selected { get; private set; } = [];
    public AssessmentRequest Answers { get; private set; } = new(null, null, null, null, null);
    public AssessmentView? Result { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Message { get; private set; }
    public ServiceView? Desk { get; private set; }

    /// <summary>The answers as a query string (for the checklist and the bundle), without the search words.</summary>
    public string AnswerQuery => QueryString.Create(Request.Query.Where(q => q.Key is not ("q" or "aksi"))
        .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))).ToString();

    public string? Error(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Table = await tables.GetAsync(ct);
        Desk = (await catalogs.GetAsync(ct)).ServicesByCode.GetValueOrDefault(DeskService);
        if (Q?.Length > 100) Q = Q[..100];
        var (request, errors) = AssessmentQuery.Read(Request.Query);
        Answers = request;
        Selected = (request.Activities ?? []).Select(a => Table.Index.ByKbli.GetValueOrDefault(a?.Kbli ?? "")).OfType<ActivityDefinition>().ToList();
        if (!string.IsNullOrWhiteSpace(Q)) Found = Table.Index.Search(Q, 20).Where(a => !Selected.Contains(a)).ToList();
        if (Action != "nilai") return;
        if (errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = 400;
            return;
        }
        var outcome = await assess.HandleAsync(request, ct);
        if (outcome.Succeeded) Result = outcome.Value;
        else
        {
            Errors = outcome.Errors ?? new Dictionary<string, string[]>();
            Message = outcome.Message;
            Response.StatusCode = outcome.Kind == OutcomeKind.NotFound ? 404 : 400;
        }
    }

    /// <summary>The error of a parameter's answer: unreadable in the query, or refused by the navigator.</summary>
    public string? ParameterError(string kbli, string name)
    {
        if (Error(kbli + "." + name) is { } e) return e;
        var index = (Answers.Activities ?? []).FindIndex(a => a?.Kbli == kbli);
        return index < 0 ? null : Error($"activities[{index}].parameters.{name}");
    }

    public decimal? ParameterValue(string kbli, string name) =>
        Answers.Activities?.FirstOrDefault(a => a?.Kbli == kbli)?.Parameters?.GetValueOrDefault(name);
}
