namespace SatuAtap.Bench;

/// <summary>What a scenario may use: the running mall, the load tool and the run's settings.</summary>
public sealed class BenchContext(MallProcess mall, Wrk wrk, LoadSettings settings, Database database)
{
    public MallProcess Mall { get; } = mall;
    public Wrk Wrk { get; } = wrk;
    public LoadSettings Settings { get; } = settings;
    public Database Database { get; } = database;
}
