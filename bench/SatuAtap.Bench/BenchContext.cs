namespace SatuAtap.Bench;

/// <summary>What a scenario may use: the running mall (one node or several), the load tool and the run's settings.</summary>
public sealed class BenchContext(MallProcess mall, Wrk wrk, LoadSettings settings, Database database, IReadOnlyList<MallProcess>? nodes = null)
{
    /// <summary>The first node: set-up and read-backs go through it.</summary>
    public MallProcess Mall { get; } = mall;
    public Wrk Wrk { get; } = wrk;
    public LoadSettings Settings { get; } = settings;
    public Database Database { get; } = database;

    /// <summary>Every node of the mall on the one database (just <see cref="Mall"/> unless the run has <c>--nodes</c>).</summary>
    public IReadOnlyList<Uri> Nodes { get; } = (nodes ?? [mall]).Select(n => n.BaseUri).ToList();

    /// <summary>Repeats <paramref name="request"/> for <paramref name="duration"/>, spread over every node.</summary>
    public Task<LoadResult> LoadAsync(LoadRequest request, TimeSpan duration, CancellationToken ct) =>
        Wrk.RunSpreadAsync(Nodes, (_, _) => request, Settings with { Duration = duration }, ct);

    /// <summary>As <see cref="LoadAsync(LoadRequest, TimeSpan, CancellationToken)"/>, with a request made per node (node index, wrk threads on it).</summary>
    public Task<LoadResult> LoadAsync(Func<int, int, LoadRequest> requestForNode, TimeSpan duration, CancellationToken ct) =>
        Wrk.RunSpreadAsync(Nodes, requestForNode, Settings with { Duration = duration }, ct);
}
