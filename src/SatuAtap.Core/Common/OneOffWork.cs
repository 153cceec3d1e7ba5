namespace SatuAtap.Core.Common;

/// <summary>
/// Work done once, not per request — the demo's seeding at start, a rebuild of the Insights over years — allocates
/// hundreds of MB whose objects are all gone when it ends. The GC keeps the memory it committed for them (their
/// batches outlive the young generation and die in gen2), and Workstation GC gives it back only slowly as later
/// budgets allow: after the demo seeding the mall kept 76 MB committed for about 50 MB of live objects
/// (docs/benchmarks/2026-12-01-memory.md, section 6); after the rebuild of three years it kept 80–100 MB for about
/// 50 MB (docs/benchmarks/2026-12-02-ticket-rows.md). Such work ends with one blocking, compacting collection of
/// every generation, the large-object heap included, in the mode that decommits what it frees.
/// </summary>
public static class OneOffWork
{
    /// <summary>
    /// Work that allocated more than this ends with the collection. It is the process's total, so requests served
    /// meanwhile count too: only work that is one-off by its size calls <see cref="Ended"/> (the start; an Insights
    /// rebuild of more than a month, <c>KeepInsights.OneOffDays</c>). The demo's 180-day history with its rebuild
    /// allocates about 0.9 GB.
    /// </summary>
    public const long CompactAfterAllocatedBytes = 256L * 1024 * 1024;

    /// <summary>The process's allocated bytes now: pass it to <see cref="Ended"/> when the work is done.</summary>
    public static long Start() => GC.GetTotalAllocatedBytes();

    /// <summary>Collects and gives the memory back when the work begun at <paramref name="started"/> allocated more than <see cref="CompactAfterAllocatedBytes"/>.</summary>
    public static bool Ended(long started)
    {
        if (GC.GetTotalAllocatedBytes() - started <= CompactAfterAllocatedBytes) return false;
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return true;
    }
}
