namespace SatuAtap.Bench;

public sealed class Options
{
    public string Db { get; private set; } = "sqlite";
    public string? Pg { get; private set; }
    public string? App { get; private set; }
    public int Threads { get; private set; } = 2;
    public int Connections { get; private set; } = 64;
    public int Seconds { get; private set; } = 10;
    public int WarmupSeconds { get; private set; } = 3;
    public int SettleMaxSeconds { get; private set; } = 60;
    public List<string> Only { get; } = [];
    public string? Out { get; private set; }
    public bool Strict { get; private set; }
    public bool Keep { get; private set; }
    public bool InsertBaseline { get; private set; } = true;
    public bool List { get; private set; }
    /// <summary>A StackExchange.Redis connection string: the Redis-compared scenarios run again on a mall that uses it.</summary>
    public string? Redis { get; private set; }
    /// <summary>Mall processes on the one database (more than one needs PostgreSQL and Redis).</summary>
    public int Nodes { get; private set; } = 1;

    public const string Usage = """
        SatuAtap load harness: starts the mall in Release on a fresh database and drives it with wrk.

          --db sqlite|postgres     database (default sqlite: a fresh file in a temporary folder)
          --pg CONNECTION          PostgreSQL server to use with --db postgres (fresh databases are created and dropped)
          --app PATH               a published SatuAtap.Web.dll to run instead of publishing src/SatuAtap.Web
          --scenario NAME          run only this scenario (repeatable); --list shows them
          --duration SECONDS       length of each measured run (default 10)
          --warmup SECONDS         unrecorded warm-up runs of this length before each measured one, repeated until two
                                   in a row agree within 10 % (default 3; 0 for none)
          --settle-max SECONDS     longest warm-up before a measured run (default 60)
          --threads N              wrk threads (default 2)
          --connections N          concurrent connections (default 64)
          --no-insert-baseline     skip the EF Core insert baseline (only needed by write scenarios)
          --out FILE               also append the markdown report to FILE
          --strict                 exit with 2 when a target is missed
          --keep                   keep the temporary folder (database, mall.log)
          --redis CONFIGURATION    after the run, start a second mall on a fresh database of the same kind with
                                   Redis:Configuration set to CONFIGURATION and measure search-api and ticket-issue
                                   (those selected) again; the report compares them (bench/run.sh --redis starts one)
          --nodes N                run N mall processes on the one PostgreSQL database, all with --redis, the second
                                   and later ones started with migrations and demo seeding off once the first is
                                   ready; every load is spread over them (one wrk per node, connections shared out)
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.TryParse(Next(), out var n) && n >= 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a whole number.");
            switch (args[i])
            {
                case "--db": o.Db = Next().ToLowerInvariant(); break;
                case "--pg": o.Pg = Next(); break;
                case "--app": o.App = Next(); break;
                case "--scenario": o.Only.Add(Next()); break;
                case "--duration": o.Seconds = Math.Max(1, Int()); break;
                case "--warmup": o.WarmupSeconds = Int(); break;
                case "--settle-max": o.SettleMaxSeconds = Int(); break;
                case "--threads": o.Threads = Math.Max(1, Int()); break;
                case "--connections": o.Connections = Math.Max(1, Int()); break;
                case "--no-insert-baseline": o.InsertBaseline = false; break;
                case "--out": o.Out = Next(); break;
                case "--strict": o.Strict = true; break;
                case "--keep": o.Keep = true; break;
                case "--list": o.List = true; break;
                case "--redis": o.Redis = Next(); break;
                case "--nodes": o.Nodes = Math.Max(1, Int()); break;
                case "-h" or "--help": throw new HelpRequestedException();
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        if (o.Db is not ("sqlite" or "postgres")) throw new ArgumentException("--db is sqlite or postgres.");
        if (o.Db == "postgres" && string.IsNullOrWhiteSpace(o.Pg)) throw new ArgumentException("--db postgres needs --pg \"Host=...;Username=...\".");
        if (o.Nodes > 1 && (o.Db != "postgres" || string.IsNullOrWhiteSpace(o.Redis)))
            throw new ArgumentException("--nodes above 1 needs --db postgres and --redis (bench/run.sh --postgres --nodes 2 starts both).");
        if (o.Connections < o.Threads) throw new ArgumentException("--connections must be at least --threads.");
        return o;
    }

    public sealed class HelpRequestedException : Exception;
}
