using System.Diagnostics;

namespace SatuAtap.Core.Common;

/// <summary>
/// The time, allocation and rows of each part of a long seeding (the demo history: generating the records, writing each
/// table, the Insights rebuild), added up over the part's runs, in the order the parts first ran. For the start-up log;
/// allocation is the process's (<see cref="GC.GetTotalAllocatedBytes"/>), so it is the part's only while nothing else runs.
/// </summary>
public sealed class SeedingParts
{
    public sealed record Part(string Name, TimeSpan Elapsed, long AllocatedBytes, int Rows, int Runs);

    private readonly List<Part> _parts = [];

    public IReadOnlyList<Part> Parts => _parts;

    public TimeSpan Elapsed => TimeSpan.FromTicks(_parts.Sum(p => p.Elapsed.Ticks));

    public long AllocatedBytes => _parts.Sum(p => p.AllocatedBytes);

    /// <summary>Runs <paramref name="part"/> (which returns the rows it made or wrote) and adds its cost to <paramref name="name"/>.</summary>
    public void Time(string name, Func<int> part)
    {
        var (start, allocated) = (Stopwatch.GetTimestamp(), GC.GetTotalAllocatedBytes());
        var rows = part();
        Add(name, Stopwatch.GetElapsedTime(start), GC.GetTotalAllocatedBytes() - allocated, rows);
    }

    /// <summary>As <see cref="Time"/>, for a part that waits on the database.</summary>
    public async Task TimeAsync(string name, Func<Task<int>> part)
    {
        var (start, allocated) = (Stopwatch.GetTimestamp(), GC.GetTotalAllocatedBytes());
        var rows = await part();
        Add(name, Stopwatch.GetElapsedTime(start), GC.GetTotalAllocatedBytes() - allocated, rows);
    }

    private void Add(string name, TimeSpan elapsed, long allocated, int rows)
    {
        var i = _parts.FindIndex(p => p.Name == name);
        if (i < 0) _parts.Add(new Part(name, elapsed, allocated, rows, 1));
        else _parts[i] = _parts[i] with { Elapsed = _parts[i].Elapsed + elapsed, AllocatedBytes = _parts[i].AllocatedBytes + allocated, Rows = _parts[i].Rows + rows, Runs = _parts[i].Runs + 1 };
    }
}
