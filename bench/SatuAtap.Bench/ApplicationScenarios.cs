using System.Net.Http.Json;
using System.Text.Json;

namespace SatuAtap.Bench;

/// <summary>
/// An officer's inbox under load, on <see cref="ApplicationData.HistoryCount"/> generated applications: the
/// Disdukcapil officer's first page, through the API (bearer token) or the staff page (sign-in cookie).
/// </summary>
public sealed class InboxScenario : Scenario
{
    private readonly bool _page;
    private LoadRequest? _request;
    private ApplicationData.Summary? _data;

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public InboxScenario(bool page)
    {
        _page = page;
        Name = page ? "inbox-page" : "inbox-api";
        Measures = page
            ? $"The officer's inbox page `GET /kelola/permohonan` as the Disdukcapil officer (sign-in cookie), on {ApplicationData.HistoryCount:N0} generated applications."
            : $"The officer's inbox `GET /api/v1/inbox` as the Disdukcapil officer (bearer token), on {ApplicationData.HistoryCount:N0} generated applications.";
        Target = new(MaxP95Ms: 100);
    }

    public override async Task PrepareAsync(BenchContext bench, CancellationToken ct)
    {
        _data = await ApplicationData.EnsureHistoryAsync(bench, ct);
        Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] application history: {_data}");
        var headers = _page
            ? new Dictionary<string, string> { ["Cookie"] = await MallApi.CookieAsync(bench.Mall.BaseUri, MallApi.DukcapilOfficer, ct) }
            : new Dictionary<string, string> { ["Authorization"] = "Bearer " + await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.DukcapilOfficer, ct) };
        _request = new LoadRequest(_page ? "/kelola/permohonan" : "/api/v1/inbox", Headers: headers);
    }

    public override Task<LoadResult> RunAsync(BenchContext bench, TimeSpan duration, CancellationToken ct) =>
        bench.LoadAsync(_request ?? throw new InvalidOperationException("Not prepared."), duration, ct);

    public override async Task<IReadOnlyList<Check>> VerifyAsync(BenchContext bench, CancellationToken ct)
    {
        // The answer is the real inbox: as many open applications as the history put in Disdukcapil's, a full page.
        using var http = MallApi.Client(bench.Mall.BaseUri);
        http.DefaultRequestHeaders.Authorization = MallApi.Bearer(await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.DukcapilOfficer, ct));
        var inbox = await http.GetFromJsonAsync<JsonElement>("/api/v1/inbox", ct);
        var total = inbox.GetProperty("total").GetInt32();
        var items = inbox.GetProperty("items").EnumerateArray().ToList();
        var due = items.Select(i => i.GetProperty("dueDate").GetString()!).ToList();
        var inOrder = due.SequenceEqual(due.Order(StringComparer.Ordinal));
        var overdue = items.Count(i => i.GetProperty("overdue").GetBoolean());
        var expected = _data!.OpenForDukcapil;
        return
        [
            new Check("the inbox lists the generated open applications of Disdukcapil, soonest due first, overdue ones on the first page",
                total >= expected && items.Count == 20 && inOrder && overdue > 0,
                $"total {total:N0} (generated open for Disdukcapil: {expected:N0}), {items.Count} items on the first page, due dates in order: {inOrder}, " +
                $"{overdue} of them overdue; history: {_data}"),
        ];
    }
}

/// <summary>
/// Submitting an application: <c>POST /api/v1/applications/{id}/submit</c> as the citizen (bearer token), each request
/// on a draft of its own, compared with the plain EF Core insert. The drafts are for DKP-KTP (required fields and a
/// required document): one is made through the API (fields saved, the family card uploaded as a PDF), then cloned
/// in bulk before every run (warm-ups included), so each request finds a complete draft, as a citizen who filled
/// in the form and uploaded the card would. Afterwards every submitted draft must be open, with a submission day,
/// a due date and one submit event, and tracking numbers unique.
/// </summary>
public sealed class ApplicationSubmitScenario : Scenario
{
    public const string ServiceCode = "DKP-KTP";
    private ApplicationData.DraftTemplate? _template;
    private Guid _templateId, _citizen;
    private string _token = "";
    private double _fastestRps = 1_500;
    private long _succeeded, _drafts, _runs;

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public ApplicationSubmitScenario()
    {
        Name = "application-submit";
        Measures = $"Submitting a complete {ServiceCode} draft: `POST /api/v1/applications/{{id}}/submit` as the citizen, one draft per request (drafts cloned in bulk beforehand).";
        Target = new(MinRatio: 0.40);
        Baseline = BaselineKind.Insert;
    }

    public override async Task PrepareAsync(BenchContext bench, CancellationToken ct)
    {
        await ApplicationData.EnsureHistoryAsync(bench, ct);
        _token = await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.Citizen, ct);
        using var http = MallApi.Client(bench.Mall.BaseUri);
        http.DefaultRequestHeaders.Authorization = MallApi.Bearer(_token);
        var service = await http.GetFromJsonAsync<JsonElement>($"/api/v1/services/{ServiceCode}", ct);
        var requirements = service.GetProperty("standard").GetProperty("requirements").EnumerateArray().ToList();
        using var created = await http.PostAsJsonAsync("/api/v1/applications",
            new { serviceId = ServiceCode, fields = new Dictionary<string, string> { ["NIK"] = "3202011505900001", ["Tanggal lahir"] = "1990-05-15" } }, ct);
        await MallApi.EnsureAsync(created, "create the template draft", ct);
        _templateId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var pdf = OnePagePdf();
        foreach (var r in requirements.Where(r => r.GetProperty("kind").GetString() == "document" && r.GetProperty("required").GetBoolean()))
        {
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(r.GetProperty("id").GetString()!), "requirementId");
            form.Add(new ByteArrayContent(pdf), "file", "dokumen.pdf");
            using var upload = await http.PostAsync($"/api/v1/applications/{_templateId}/documents", form, ct);
            await MallApi.EnsureAsync(upload, "upload a required document of the template draft", ct);
        }
        _template = await ApplicationData.ReadTemplateAsync(bench.Database, _templateId, ServiceCode, ct);
        _citizen = (Guid)_template.Row[5]!;
    }

    public override async Task<LoadResult> RunAsync(BenchContext bench, TimeSpan duration, CancellationToken ct)
    {
        // Fresh drafts for this run: twice what the fastest run so far would use (a slow warm-up must not leave the
        // measured run short of drafts), written before wrk starts.
        var count = (int)Math.Max(3_000, _fastestRps * duration.TotalSeconds * 2);
        var ids = await ApplicationData.CloneDraftsAsync(bench.Database, _template!, count, ct);
        _drafts += ids.Count;
        // With several nodes each node's wrk gets every n-th draft, so no draft is submitted through two nodes.
        var files = new List<string>();
        for (var node = 0; node < bench.Nodes.Count; node++)
        {
            var file = Path.Combine(Path.GetTempPath(), $"satuatap-bench-drafts-{Guid.NewGuid():N}.txt");
            await File.WriteAllLinesAsync(file, ids.Where((_, i) => i % bench.Nodes.Count == node).Select(i => i.ToString()), ct);
            files.Add(file);
        }
        try
        {
            LoadRequest Request(int node, int threads) => new("/api/v1/applications/submit", "POST",
                Headers: new Dictionary<string, string> { ["Authorization"] = "Bearer " + _token },
                Lua: DraftsLua(files[node], threads));
            var r = await bench.LoadAsync(Request, duration, ct);
            _fastestRps = Math.Max(_fastestRps, r.Seconds > 0 ? (r.Requests - r.Errors) / r.Seconds : 0);
            _succeeded += r.Requests - r.Errors;
            _runs++;
            return r;
        }
        finally
        {
            foreach (var file in files) File.Delete(file);
        }
    }

    /// <summary>Each wrk thread takes every n-th id of the file and submits them in turn; one past the end is a 404 (an error).</summary>
    private static string DraftsLua(string file, int threads) => $$"""
        local next_thread = 0
        function setup(thread)
          thread:set("tid", next_thread)
          next_thread = next_thread + 1
        end
        function init(args)
          ids = {}
          local n = 0
          for line in io.lines("{{file}}") do
            if n % {{threads}} == tid then ids[#ids + 1] = line end
            n = n + 1
          end
          i = 0
        end
        request = function()
          i = i + 1
          local id = ids[i] or "00000000-0000-0000-0000-000000000000"
          return wrk.format(nil, "/api/v1/applications/" .. id .. "/submit")
        end
        """;

    public override async Task<IReadOnlyList<Check>> VerifyAsync(BenchContext bench, CancellationToken ct)
    {
        var db = bench.Database;
        var mine = $"""FROM "Applications" a WHERE a."ApplicantUserId" = {db.GuidLiteral(_citizen)} AND a."Id" <> {db.GuidLiteral(_templateId)}""";
        // Requests still queued in the mall when wrk stopped are finished after it: read once the counts stop moving.
        string?[] counts = [];
        for (var settle = 0; settle < 30; settle++)
        {
            var now = await CountsAsync();
            if (settle > 0 && now.SequenceEqual(counts)) break;
            counts = now;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        async Task<string?[]> CountsAsync() => (await db.QueryMallAsync($"""
            SELECT COUNT(*),
                   SUM(CASE WHEN a."Status" = 'Submitted' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a."Status" = 'Submitted' AND a."IsOpen" = {(db.IsPostgres ? "TRUE" : "1")} AND a."DueDate" IS NOT NULL AND a."SubmittedOn" IS NOT NULL
                            AND a."SubmittedAtUtc" IS NOT NULL AND a."StepDueDate" IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a."Status" NOT IN ('Draft', 'Submitted') THEN 1 ELSE 0 END)
            {mine}
            """, ct))[0];
        long total = long.Parse(counts[0]!), submitted = long.Parse(counts[1] ?? "0"), complete = long.Parse(counts[2] ?? "0"), other = long.Parse(counts[3] ?? "0");
        var events = long.Parse((await db.QueryMallAsync($"""
            SELECT COUNT(*) FROM "ApplicationEvents" e WHERE e."Action" = 'Submit' AND e."ApplicationId" IN (SELECT a."Id" {mine})
            """, ct))[0][0]!);
        var numbers = (await db.QueryMallAsync("""SELECT COUNT(*), COUNT(DISTINCT "TrackingNumber") FROM "Applications" """, ct))[0];
        // wrk counts the answers it read; requests still in flight when a run stops may complete on the server too.
        var inFlight = _runs * bench.Settings.Connections;
        return
        [
            new Check("every successful submit is a submitted application (open, submission day, due date), no draft submitted twice",
                submitted >= _succeeded && submitted <= _succeeded + inFlight && complete == submitted && other == 0 && events == submitted,
                $"{_succeeded:N0} successful answers over {_runs} runs (warm-ups included); {submitted:N0} of {total:N0} cloned drafts submitted, " +
                $"{complete:N0} of them with due date and submission day, {events:N0} submit events, {other} in another status"),
            new Check("tracking numbers unique", numbers[0] == numbers[1], $"{long.Parse(numbers[0]!):N0} applications, {long.Parse(numbers[1]!):N0} distinct tracking numbers"),
        ];
    }

    /// <summary>
    /// A one-page PDF with a correct cross-reference table: the mall opens every uploaded PDF and refuses one that does
    /// not open as a document.
    /// </summary>
    private static byte[] OnePagePdf()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ];
        var text = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(text.Length);
            text.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = text.Length;
        text.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) text.Append($"{offset:D10} 00000 n \n");
        text.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(text.ToString());
    }
}
