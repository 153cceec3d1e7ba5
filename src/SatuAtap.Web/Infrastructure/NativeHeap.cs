using System.Runtime.InteropServices;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// Gives back to the system, every few seconds, the memory that the C library's allocator (glibc) holds free.
/// <para>
/// SQLite allocates and frees its working memory with <c>malloc</c> on whichever thread runs a statement: the pages a
/// connection reads again after another connection wrote (in WAL mode a write makes every other connection drop its
/// page cache), each statement's compiled program. Under load that is thousands of blocks a second from the thread
/// pool's threads, spread over several arenas. glibc hands memory back to the system only from the top of an arena,
/// so the space freed in the middle stays resident: under the search, inbox and submit scenarios about 20 MB of the
/// mall's resident memory was allocator free space. With <c>malloc_trim</c> every 5 s the arenas held 6–10 MB instead
/// of 27–29 MB under the same load, and those scenarios peaked at 252 MB instead of 280 MB
/// (docs/benchmarks/2026-12-02-native-memory.md). Fewer arenas do not help (the same memory then sits in the process
/// heap), nor a fixed trim threshold (it trims the top only); sending every block of 64 KB or more to <c>mmap</c> did,
/// but made each such block a fresh mapping and the submit slower (363 instead of 518–667 submits/s).
/// </para>
/// <para>
/// <c>malloc_trim(0)</c> walks the arenas and releases the whole pages inside their free chunks; the allocator keeps
/// its bookkeeping, and the pages come back zeroed when used again. Elsewhere than Linux with glibc (musl, Windows,
/// macOS) there is nothing to call and the service does nothing.
/// </para>
/// </summary>
public sealed class NativeHeap(ILogger<NativeHeap> log) : BackgroundService
{
    /// <summary>How often the free space is given back.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static readonly MallocTrimFunction? MallocTrim = OperatingSystem.IsLinux() ? Find() : null;

    /// <summary>Whether this process allocates with glibc, which has <c>malloc_trim</c>.</summary>
    public static bool Supported => MallocTrim is not null;

    /// <summary>Releases the free pages of every arena now; false when nothing was released or there is no glibc.</summary>
    public static bool Trim() => MallocTrim is { } trim && trim(0) != 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Supported)
        {
            if (log.IsEnabled(LogLevel.Debug)) log.LogDebug("No glibc allocator here: its free memory is not trimmed.");
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                Trim();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary><c>int malloc_trim(size_t pad)</c>: 1 when memory was released.</summary>
    private delegate int MallocTrimFunction(nuint pad);

    private static MallocTrimFunction? Find() =>
        NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "malloc_trim", out var address)
            ? Marshal.GetDelegateForFunctionPointer<MallocTrimFunction>(address)
            : null;
}
