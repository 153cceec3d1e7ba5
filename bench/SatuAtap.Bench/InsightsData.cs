using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using NpgsqlTypes;

namespace SatuAtap.Bench;

/// <summary>
/// The regency's ~3 years for the Insights scenarios, written once per run before the first of them:
/// <see cref="Tickets"/> queue tickets straight into the mall's database (series <see cref="Series"/>), the
/// applications topped up to <see cref="ApplicationData.InsightsTotal"/> (<see cref="ApplicationData.EnsureInsightsTopUpAsync"/>),
/// then the mall's own rebuild of its kept day rows (<c>POST /api/v1/insights/rebuild</c> as the manager), timed.
/// </summary>
public static class InsightsData
{
    public const int Tickets = 1_000_000;

    /// <summary>The generated tickets' series (two letters, as the mall's series are).</summary>
    public const string Series = "HB";

    /// <summary>Calendar days of history before today (three years).</summary>
    public const int Days = 1095;

    public static readonly IReadOnlyList<Database.Column> TicketColumns =
    [
        new("Id", NpgsqlDbType.Uuid), new("SiteId", NpgsqlDbType.Uuid), new("ServiceId", NpgsqlDbType.Uuid), new("Series", NpgsqlDbType.Varchar),
        new("Day", NpgsqlDbType.Date), new("Number", NpgsqlDbType.Integer), new("Hop", NpgsqlDbType.Integer), new("Status", NpgsqlDbType.Varchar),
        new("Parked", NpgsqlDbType.Boolean), new("Priority", NpgsqlDbType.Boolean), new("ArrivedUtc", NpgsqlDbType.TimestampTz),
        new("CalledUtc", NpgsqlDbType.TimestampTz), new("LastCalledUtc", NpgsqlDbType.TimestampTz), new("StartedUtc", NpgsqlDbType.TimestampTz),
        new("FinishedUtc", NpgsqlDbType.TimestampTz), new("Revision", NpgsqlDbType.Integer),
    ];

    /// <summary>What was generated and how long the mall took to keep its day rows.</summary>
    public sealed record History(int Tickets, int Finished, IReadOnlyDictionary<DateOnly, int> FinishedPerDay, ApplicationData.TopUp Applications,
        double TicketSeconds, int RebuiltDays, int RebuiltRows, double RebuildSeconds)
    {
        public int FinishedBetween(DateOnly from, DateOnly to) => FinishedPerDay.Where(d => d.Key >= from && d.Key <= to).Sum(d => d.Value);

        public override string ToString() =>
            $"{Tickets:N0} tickets ({Finished:N0} finished, the rest no-shows) written in {TicketSeconds:0.0} s; applications topped up by " +
            $"{Applications.Added:N0} to {Applications.Total:N0} in {Applications.Seconds:0.0} s; the mall's rebuild kept {RebuiltDays:N0} days " +
            $"({RebuiltRows:N0} rows) in {RebuildSeconds:0.0} s";
    }

    private static Task<History>? _history;
    private static readonly Lock Gate = new();

    public static Task<History> EnsureAsync(BenchContext bench, CancellationToken ct)
    {
        lock (Gate) return _history ??= WriteAsync(bench, ct);
    }

    private static void Say(string s) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {s}");

    private sealed record ServiceRow(Guid Id, int Weight, double MeanServiceMinutes);

    private static async Task<History> WriteAsync(BenchContext bench, CancellationToken ct)
    {
        var db = bench.Database;
        using var http = MallApi.Client(bench.Mall.BaseUri);
        var (building, zone) = await MallApi.BuildingAsync(http, ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        var services = (await db.QueryMallAsync("""SELECT "Id", "Code" FROM "Services" ORDER BY "Code" """, ct))
            .Select((r, i) => new ServiceRow(Guid.Parse(r[0]!),
                // Weighted as the applications are: civil registration six times, licensing twice, the rest once.
                r[1]!.StartsWith("DKP-", StringComparison.Ordinal) ? 6 : r[1]!.StartsWith("PTSP-", StringComparison.Ordinal) ? 2 : 1,
                5 + i % 4 * 2.5))
            .ToList();
        var mobile = (await db.QueryMallAsync("""SELECT "Id" FROM "QueueSites" WHERE "Kind" = 'Mobile' ORDER BY "Id" """, ct)).Select(r => Guid.Parse(r[0]!)).ToList();

        Say($"generating {Tickets:N0} tickets over {Days:N0} days");
        var watch = Stopwatch.StartNew();
        var perDay = new Dictionary<DateOnly, int>();
        var counts = new int[2];
        await db.BulkInsertAsync("QueueTickets", TicketColumns, TicketRows(today, zone, building, mobile, services, perDay, counts), ct);
        if (db.IsPostgres) await db.QueryMallAsync("""VACUUM ANALYZE "QueueTickets" """, ct);
        var ticketSeconds = watch.Elapsed.TotalSeconds;
        Say($"wrote {counts[0]:N0} tickets in {ticketSeconds:0.0} s; topping the applications up to {ApplicationData.InsightsTotal:N0}");
        var topUp = await ApplicationData.EnsureInsightsTopUpAsync(bench, ct);
        if (db.IsPostgres) await db.QueryMallAsync("""VACUUM ANALYZE "Applications" """, ct);
        Say($"applications: {topUp.Added:N0} added ({topUp.Total:N0} in all) in {topUp.Seconds:0.0} s; rebuilding the kept day rows through the API");

        // The mall keeps its day rows itself: the manager's rebuild of the whole three years, timed.
        using var slow = new HttpClient(new SocketsHttpHandler()) { BaseAddress = bench.Mall.BaseUri, Timeout = TimeSpan.FromMinutes(30) };
        slow.DefaultRequestHeaders.Authorization = MallApi.Bearer(await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.Manager, ct));
        watch.Restart();
        using var rebuilt = await slow.PostAsync($"/api/v1/insights/rebuild?from={today.AddDays(-Days):yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}", null, ct);
        await MallApi.EnsureAsync(rebuilt, "rebuild the insights' day rows", ct);
        var rebuildSeconds = watch.Elapsed.TotalSeconds;
        var answer = await rebuilt.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (db.IsPostgres) await db.QueryMallAsync("""ANALYZE "InsightDays", "InsightWaits" """, ct);
        var history = new History(counts[0], counts[1], perDay, topUp, ticketSeconds, answer.GetProperty("days").GetInt32(), answer.GetProperty("rows").GetInt32(), rebuildSeconds);
        Say(history.ToString());
        return history;
    }

    /// <summary>
    /// The tickets, day by day (weekdays; public holidays are not skipped), oldest first: arrivals shaped by weekday
    /// (Monday busiest, Friday quietest) and hour (09–11 busiest), nine in ten at the building and the rest at the
    /// mobile unit's sites, numbered 1..n per site and day in order of arrival; waits longer at the busy hours;
    /// 5 % called but not coming (no-show), the rest done after a service time around the service's mean.
    /// </summary>
    private static IEnumerable<object?[]> TicketRows(DateOnly today, TimeZoneInfo zone, Guid building, List<Guid> mobile, List<ServiceRow> services,
        Dictionary<DateOnly, int> perDay, int[] counts)
    {
        var random = new Random(20261202);
        var days = Enumerable.Range(1, Days).Select(i => today.AddDays(-Days - 1 + i))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        static double DayWeight(DateOnly d) => d.DayOfWeek switch { DayOfWeek.Monday => 1.3, DayOfWeek.Friday => 0.7, _ => 1.0 };
        double[] hourWeights = [0.8, 1.6, 1.6, 1.2, 0.6, 0.8, 0.8]; // 08:00 … 14:00
        var hourTotal = hourWeights.Sum();
        var dayTotal = days.Sum(DayWeight);
        var serviceTotal = services.Sum(s => s.Weight);
        var written = 0;
        for (var di = 0; di < days.Count; di++)
        {
            var day = days[di];
            var n = di == days.Count - 1 ? Tickets - written : (int)Math.Round(Tickets * DayWeight(day) / dayTotal);
            var open = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(8, 0)), DateTimeKind.Unspecified), zone);
            var arrivals = new List<(double Minute, int Hour, Guid Site)>(n);
            for (var i = 0; i < n; i++)
            {
                var pick = random.NextDouble() * hourTotal;
                var hour = 0;
                while (hour < hourWeights.Length - 1 && (pick -= hourWeights[hour]) >= 0) hour++;
                var site = mobile.Count > 0 && random.NextDouble() < 0.1 ? mobile[random.Next(mobile.Count)] : building;
                arrivals.Add((hour * 60 + random.NextDouble() * 60, hour, site));
            }
            arrivals.Sort((a, b) => a.Minute.CompareTo(b.Minute));
            var numbers = new Dictionary<Guid, int>();
            var finished = 0;
            foreach (var (minute, hour, site) in arrivals)
            {
                var servicePick = random.Next(serviceTotal);
                var service = services.First(s => (servicePick -= s.Weight) < 0);
                var number = numbers[site] = numbers.GetValueOrDefault(site) + 1;
                var wait = Exponential(random, 3 + 8 * hourWeights[hour]);
                var noShow = random.NextDouble() < 0.05;
                var took = Math.Max(1, Exponential(random, service.MeanServiceMinutes));
                var arrived = open.AddMinutes(minute);
                var called = arrived.AddMinutes(wait);
                if (!noShow) finished++;
                yield return
                [
                    Guid.CreateVersion7(new DateTimeOffset(arrived)), site, service.Id, Series, day, number, 0, noShow ? "NoShow" : "Done", false, false,
                    arrived, called, called, noShow ? null : called, noShow ? null : called.AddMinutes(took), 0,
                ];
            }
            perDay[day] = finished;
            counts[0] += n;
            counts[1] += finished;
            written += n;
        }
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    /// <summary>
    /// Services delivered in the local days [from, to] counted from the records the way docs/insights.md defines
    /// them (tickets done on their day; applications decided in the period), all and of the generated ones.
    /// </summary>
    public static async Task<(int All, int GeneratedTickets, int GeneratedApplications)> ServedInRecordsAsync(Database db, TimeZoneInfo zone, DateOnly from, DateOnly to, CancellationToken ct)
    {
        string Moment(DateOnly d)
        {
            var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(d.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), zone);
            return "'" + utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (db.IsPostgres ? "+00'" : "'");
        }
        var days = $""" "Day" >= '{from:yyyy-MM-dd}' AND "Day" <= '{to:yyyy-MM-dd}' """;
        var decided = $""" "DecidedAtUtc" >= {Moment(from)} AND "DecidedAtUtc" < {Moment(to.AddDays(1))} """;
        async Task<int> Count(string sql) => int.Parse((await db.QueryMallAsync(sql, ct))[0][0]!, CultureInfo.InvariantCulture);
        var tickets = await Count($"""SELECT COUNT(*) FROM "QueueTickets" WHERE "Status" = 'Done' AND {days}""");
        var applications = await Count($"""SELECT COUNT(*) FROM "Applications" WHERE {decided}""");
        var generatedTickets = await Count($"""SELECT COUNT(*) FROM "QueueTickets" WHERE "Status" = 'Done' AND "Series" = '{Series}' AND {days}""");
        var generatedApplications = await Count($"""SELECT COUNT(*) FROM "Applications" WHERE "ApplicantName" LIKE 'Pemohon %' AND {decided}""");
        return (tickets + applications, generatedTickets, generatedApplications);
    }
}
