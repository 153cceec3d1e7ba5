using System.Diagnostics;
using System.Globalization;
using NpgsqlTypes;

namespace SatuAtap.Bench;

/// <summary>
/// Application rows written straight into the mall's database (bulk, before any measuring): the history of
/// <see cref="HistoryCount"/> applications the inbox scenarios read, and batches of ready-to-submit drafts cloned
/// from one draft made through the API. The columns are the mall's <c>Applications</c> table; every row is consistent
/// the way the mall itself would leave it (an open application has a submission day, a due date and its agency at
/// the current step; a closed one a decision time; a draft neither), so the mall's queries treat them as real.
/// </summary>
public static class ApplicationData
{
    public const int HistoryCount = 100_000;

    public static readonly IReadOnlyList<Database.Column> Columns =
    [
        new("Id", NpgsqlDbType.Uuid), new("TrackingNumber", NpgsqlDbType.Varchar), new("ServiceId", NpgsqlDbType.Uuid),
        new("AgencyId", NpgsqlDbType.Uuid), new("CurrentAgencyId", NpgsqlDbType.Uuid), new("ApplicantUserId", NpgsqlDbType.Uuid),
        new("ApplicantName", NpgsqlDbType.Varchar), new("ApplicantNik", NpgsqlDbType.Varchar), new("ApplicantPhone", NpgsqlDbType.Varchar),
        new("ApplicantEmail", NpgsqlDbType.Varchar), new("Language", NpgsqlDbType.Varchar), new("CapturedByUserId", NpgsqlDbType.Uuid),
        new("FieldsJson", NpgsqlDbType.Varchar), new("Status", NpgsqlDbType.Varchar), new("IsOpen", NpgsqlDbType.Boolean),
        new("StepIndex", NpgsqlDbType.Integer), new("AssignedToUserId", NpgsqlDbType.Uuid), new("AssignedToName", NpgsqlDbType.Varchar),
        new("CreatedAtUtc", NpgsqlDbType.TimestampTz), new("SubmittedAtUtc", NpgsqlDbType.TimestampTz), new("SubmittedOn", NpgsqlDbType.Date),
        new("DueDate", NpgsqlDbType.Date), new("StepDueDate", NpgsqlDbType.Date), new("PausedOn", NpgsqlDbType.Date),
        new("PausedWorkingDays", NpgsqlDbType.Integer), new("DecidedAtUtc", NpgsqlDbType.TimestampTz),
        new("OverdueHandledStep", NpgsqlDbType.Integer), new("EscalatedAtUtc", NpgsqlDbType.TimestampTz), new("Version", NpgsqlDbType.Uuid),
    ];

    public static readonly IReadOnlyList<Database.Column> DocumentColumns =
    [
        new("Id", NpgsqlDbType.Uuid), new("ApplicationId", NpgsqlDbType.Uuid), new("RequirementId", NpgsqlDbType.Uuid),
        new("FileKey", NpgsqlDbType.Varchar), new("FileName", NpgsqlDbType.Varchar), new("ContentType", NpgsqlDbType.Varchar),
        new("SizeBytes", NpgsqlDbType.Bigint), new("UploadedAtUtc", NpgsqlDbType.TimestampTz),
    ];

    private sealed record ServiceRow(Guid Id, string Code, Guid AgencyId, int Days, int Weight);
    private sealed record StaffRow(Guid Id, string Name, Guid AgencyId);

    /// <summary>What the history holds, for the report.</summary>
    public sealed record Summary(int Total, int Open, int Overdue, int Returned, int Drafts, int Closed, int OpenForDukcapil, double Seconds)
    {
        public override string ToString() =>
            $"{Total:N0} applications ({Closed:N0} closed, {Open:N0} open of which {Overdue:N0} overdue, {Returned:N0} returned for correction, " +
            $"{Drafts:N0} drafts; {OpenForDukcapil:N0} open in Disdukcapil's inbox), written in {Seconds:0.0} s";
    }

    private static Task<Summary>? _history;
    private static readonly Lock Gate = new();

    /// <summary>Writes the history once per run (the first scenario that needs it does); later calls get the same summary.</summary>
    public static Task<Summary> EnsureHistoryAsync(BenchContext bench, CancellationToken ct)
    {
        lock (Gate) return _history ??= WriteHistoryAsync(bench, ct);
    }

    /// <summary>What the Insights scenarios added on top of the history (<see cref="EnsureInsightsTopUpAsync"/>).</summary>
    public sealed record TopUp(int Added, int Total, double Seconds);

    private static Task<TopUp>? _topUp;

    /// <summary>
    /// The history (<see cref="EnsureHistoryAsync"/>) topped up to <see cref="InsightsTotal"/> applications for the
    /// Insights scenarios: the same services, weights and office hours, spread over three years; closed ones and
    /// abandoned drafts only, because a longer history adds decided work, not a longer open backlog (the inbox
    /// scenarios' expected backlog stays the history's). Once per run.
    /// </summary>
    public static Task<TopUp> EnsureInsightsTopUpAsync(BenchContext bench, CancellationToken ct)
    {
        lock (Gate) return _topUp ??= WriteTopUpAsync(bench, ct);
    }

    public const int InsightsTotal = 500_000;

    /// <summary>Working days in three years (the top-up's span).</summary>
    private const int ThreeYearsOfWorkingDays = 780;

    private static async Task<TopUp> WriteTopUpAsync(BenchContext bench, CancellationToken ct)
    {
        await EnsureHistoryAsync(bench, ct);
        var watch = Stopwatch.StartNew();
        var existing = int.Parse((await bench.Database.QueryMallAsync("""SELECT COUNT(*) FROM "Applications" """, ct))[0][0]!, CultureInfo.InvariantCulture);
        var add = Math.Max(0, InsightsTotal - existing);
        if (add > 0) await WriteAsync(bench, add, ThreeYearsOfWorkingDays, historyOnly: true, seed: 20261201, ct);
        return new TopUp(add, existing + add, watch.Elapsed.TotalSeconds);
    }

    private static async Task<Summary> WriteHistoryAsync(BenchContext bench, CancellationToken ct) =>
        await WriteAsync(bench, HistoryCount, spanWorkingDays: 520, historyOnly: false, seed: 20261130, ct);

    /// <summary>
    /// Writes <paramref name="count"/> applications submitted over the last <paramref name="spanWorkingDays"/> working
    /// days; with <paramref name="historyOnly"/> only closed ones and drafts (in the same proportion to each other).
    /// </summary>
    private static async Task<Summary> WriteAsync(BenchContext bench, int count, int spanWorkingDays, bool historyOnly, int seed, CancellationToken ct)
    {
        var db = bench.Database;
        var watch = Stopwatch.StartNew();
        using var http = MallApi.Client(bench.Mall.BaseUri);
        var (_, zone) = await MallApi.BuildingAsync(http, ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        var services = (await db.QueryMallAsync("""SELECT "Id", "Code", "AgencyId", "Standard_CompletionWorkingDays" FROM "Services" ORDER BY "Code" """, ct))
            .Select(r => new ServiceRow(Guid.Parse(r[0]!), r[1]!, Guid.Parse(r[2]!), Math.Max(1, int.Parse(r[3]!)),
                // Civil registration is most of a regency mall's work, licensing next, the rest less.
                r[1]!.StartsWith("DKP-", StringComparison.Ordinal) ? 6 : r[1]!.StartsWith("PTSP-", StringComparison.Ordinal) ? 2 : 1))
            .ToList();
        var staff = (await db.QueryMallAsync("""SELECT "Id", "FullName", "AgencyId" FROM "AspNetUsers" WHERE "AgencyId" IS NOT NULL""", ct))
            .Select(r => new StaffRow(Guid.Parse(r[0]!), r[1]!, Guid.Parse(r[2]!))).ToList();
        var taken = (await db.QueryMallAsync("""SELECT "TrackingNumber" FROM "Applications" """, ct)).Select(r => r[0]!).ToHashSet();
        var dukcapil = services.First(s => s.Code == "DKP-KTP").AgencyId;
        var random = new Random(seed);
        var rows = new List<object?[]>(count);
        int open = 0, overdue = 0, returned = 0, drafts = 0, closed = 0, openDukcapil = 0;
        var totalWeight = services.Sum(s => s.Weight);
        for (var n = 0; n < count; n++)
        {
            var pick = random.Next(totalWeight);
            var service = services.First(s => (pick -= s.Weight) < 0);
            var clerk = staff.Where(s => s.AgencyId == service.AgencyId).Select(s => (StaffRow?)s).FirstOrDefault();
            // 85 % closed (issued, ready for pickup, rejected), 6 % open of which a third overdue, 2 % returned, 7 % drafts;
            // the history-only top-up keeps the 85 : 7 of closed to drafts.
            var roll = historyOnly ? random.NextDouble() * 0.92 : random.NextDouble();
            var kind = roll < 0.85 ? "closed" : historyOnly ? "draft" : roll < 0.89 ? "open" : roll < 0.91 ? "overdue" : roll < 0.93 ? "returned" : "draft";
            var status = kind switch
            {
                "closed" => random.NextDouble() switch { < 0.80 => "Issued", < 0.92 => "ReadyForPickup", _ => "Rejected" },
                "open" or "overdue" => random.NextDouble() switch { < 0.35 => "Submitted", < 0.60 => "InVerification", < 0.85 => "InProcess", < 0.95 => "Approved", _ => "Resubmitted" },
                "returned" => "ReturnedForCorrection",
                _ => "Draft",
            };
            // Working days back from today at which it was submitted: open ones are still within their standard,
            // overdue ones past it by up to 40 working days, returned ones recent, closed and drafts over two years.
            var back = kind switch
            {
                "open" => random.Next(0, service.Days + 1),
                "overdue" => service.Days + 1 + random.Next(0, 40),
                "returned" => random.Next(1, 20),
                _ => random.Next(1, spanWorkingDays),
            };
            var submittedOn = AddWorkingDays(today, -back);
            var createdLocal = submittedOn.ToDateTime(new TimeOnly(8, 0)).AddMinutes(random.Next(0, 8 * 60)).AddDays(-(random.Next(0, 3)));
            var created = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(createdLocal, DateTimeKind.Unspecified), zone);
            var submitted = created.AddMinutes(random.Next(5, 240));
            var due = AddWorkingDays(submittedOn, service.Days);
            var isDraft = kind == "draft";
            var isOpen = kind is "open" or "overdue";
            var claimed = isOpen && status != "Submitted" && status != "Resubmitted" && clerk is not null;
            var nik = $"3202{random.Next(10, 99)}{random.Next(1, 28):00}{random.Next(1, 12):00}{random.Next(60, 99):00}{random.Next(1, 9999):0000}";
            string number;
            do number = $"{Prefix(service.Code)}-{(isDraft ? created : submitted).Year % 100:00}-{Random5(random)}";
            while (!taken.Add(number));
            rows.Add(
            [
                Guid.CreateVersion7(new DateTimeOffset(created)), number, service.Id, service.AgencyId, service.AgencyId, null,
                $"Pemohon {n + 1:D6}", nik, $"0812{random.Next(10_000_000, 99_999_999)}", null, "id", clerk?.Id,
                "{}", status, isOpen, 0, claimed ? clerk!.Id : null, claimed ? clerk!.Name : null,
                created, isDraft ? null : submitted, isDraft ? null : submittedOn, isDraft ? null : due, isDraft ? null : due,
                kind == "returned" ? AddWorkingDays(today, -random.Next(0, Math.Min(back, 5) + 1)) : null, 0,
                kind == "closed" ? submitted.AddDays(random.Next(0, Math.Max(1, service.Days * 7 / 5) + 1)).AddHours(random.Next(0, 6)) : null,
                // The mall's overdue check has already seen the overdue ones (each step is handled once).
                kind == "overdue" ? 0 : null, null, Guid.NewGuid(),
            ]);
            switch (kind)
            {
                case "closed": closed++; break;
                case "returned": returned++; break;
                case "draft": drafts++; break;
                default:
                    open++;
                    if (kind == "overdue") overdue++;
                    if (service.AgencyId == dukcapil) openDukcapil++;
                    break;
            }
        }
        // Oldest first, as they would have been written.
        rows.Sort((a, b) => ((DateTime)a[18]!).CompareTo((DateTime)b[18]!));
        await db.BulkInsertAsync("Applications", Columns, rows, ct);
        // A table that grew over two years has been vacuumed and analysed by autovacuum long since; right after a
        // bulk load it has not, and the planner would guess. (SQLite keeps no statistics unless asked; the mall does not ask.)
        if (db.IsPostgres) await db.QueryMallAsync("""VACUUM ANALYZE "Applications" """, ct);
        return new Summary(rows.Count, open, overdue, returned, drafts, closed, openDukcapil, watch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// <paramref name="count"/> drafts cloned from <paramref name="template"/> (a draft the citizen made through the
    /// API, with valid fields and its required documents uploaded): same applicant, service and field values, the
    /// same uploaded file recorded for each required document, a new id and a new unique tracking number each.
    /// </summary>
    public static async Task<List<Guid>> CloneDraftsAsync(Database db, DraftTemplate template, int count, CancellationToken ct)
    {
        var random = new Random();
        var taken = (await db.QueryMallAsync("""SELECT "TrackingNumber" FROM "Applications" """, ct)).Select(r => r[0]!).ToHashSet();
        var now = DateTime.UtcNow;
        var apps = new List<object?[]>(count);
        var docs = new List<object?[]>(count * template.Documents.Count);
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            string number;
            do number = $"{Prefix(template.ServiceCode)}-{now.Year % 100:00}-{Random5(random)}";
            while (!taken.Add(number));
            var r = (object?[])template.Row.Clone();
            r[0] = id;
            r[1] = number;
            r[18] = now;
            r[28] = Guid.NewGuid();
            apps.Add(r);
            foreach (var d in template.Documents)
            {
                var doc = (object?[])d.Clone();
                doc[0] = Guid.CreateVersion7();
                doc[1] = id;
                docs.Add(doc);
            }
            ids.Add(id);
        }
        await db.BulkInsertAsync("Applications", Columns, apps, ct);
        if (docs.Count > 0) await db.BulkInsertAsync("ApplicationDocuments", DocumentColumns, docs, ct);
        // Tens of thousands of rows in a second is not how these tables grow; autovacuum would have analysed them
        // since. Without it the planner judges the documents' join by statistics from before the load.
        if (db.IsPostgres) await db.QueryMallAsync("""ANALYZE "Applications", "ApplicationDocuments" """, ct);
        return ids;
    }

    /// <summary>One draft's row and its document rows, read back from the database in <see cref="Columns"/> order.</summary>
    public sealed record DraftTemplate(string ServiceCode, object?[] Row, IReadOnlyList<object?[]> Documents);

    public static async Task<DraftTemplate> ReadTemplateAsync(Database db, Guid id, string serviceCode, CancellationToken ct)
    {
        var app = (await db.QueryMallAsync($"""SELECT {string.Join(", ", Columns.Select(c => $"\"{c.Name}\""))} FROM "Applications" WHERE "Id" = {db.GuidLiteral(id)}""", ct)).Single();
        var docs = await db.QueryMallAsync($"""SELECT {string.Join(", ", DocumentColumns.Select(c => $"\"{c.Name}\""))} FROM "ApplicationDocuments" WHERE "ApplicationId" = {db.GuidLiteral(id)}""", ct);
        return new DraftTemplate(serviceCode, Typed(app, Columns), docs.Select(d => Typed(d, DocumentColumns)).ToList());
    }

    /// <summary>Values read as strings back to the CLR types the bulk insert writes.</summary>
    private static object?[] Typed(string?[] row, IReadOnlyList<Database.Column> columns) => columns.Select((c, i) => row[i] is not { } s ? null : c.Type switch
    {
        NpgsqlDbType.Uuid => Guid.Parse(s),
        NpgsqlDbType.Boolean => s is "1" or "True" or "true",
        NpgsqlDbType.Integer => int.Parse(s, CultureInfo.InvariantCulture),
        NpgsqlDbType.Bigint => long.Parse(s, CultureInfo.InvariantCulture),
        NpgsqlDbType.Date => DateOnly.FromDateTime(DateTime.Parse(s, CultureInfo.InvariantCulture)),
        NpgsqlDbType.TimestampTz => DateTime.SpecifyKind(DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc),
        _ => (object)s,
    }).ToArray();

    /// <summary>Weekends skipped (public holidays are not: the due dates are a day or two early around them).</summary>
    private static DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var step = days < 0 ? -1 : 1;
        var d = from;
        for (var left = Math.Abs(days); left > 0;)
        {
            d = d.AddDays(step);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) left--;
        }
        return d;
    }

    /// <summary>The mall's tracking number shape: the service code's first segment (letters, at most five), the year, five characters.</summary>
    private static string Prefix(string code)
    {
        var letters = new string(code.Split('-', 2)[0].Where(char.IsAsciiLetter).Select(char.ToUpperInvariant).Take(5).ToArray());
        return letters.Length >= 2 ? letters : "MPP";
    }

    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private static string Random5(Random random) => string.Create(5, random, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[r.Next(Alphabet.Length)];
    });
}
