using System.Runtime.InteropServices;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>The C library's free memory is given back to the system (Linux with glibc; see <see cref="NativeHeap"/>).</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void OnLinux_TheTrimIsAvailable() => Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.Supported);

    [Fact]
    public void FreeSpaceInsideTheArena_IsGivenBack()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Marshal's blocks are malloc's on Linux. 96 KB blocks come from the arena (below glibc's 128 KB mmap threshold), each followed by a small block that
        // stays allocated, so the freed blocks cannot merge into the arena's top and be returned by free() itself.
        const int count = 320, size = 96 * 1024;
        var large = new nint[count];
        var small = new nint[count];
        var ones = new byte[size];
        Array.Fill(ones, (byte)1);
        var done = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                large[i] = Marshal.AllocHGlobal(size);
                Marshal.Copy(ones, 0, large[i], size);
                small[i] = Marshal.AllocHGlobal(64);
            }
            foreach (var block in large) Marshal.FreeHGlobal(block);
        });
        done.Start();
        done.Join();
        try
        {
            var before = ResidentKilobytes();
            Assert.True(NativeHeap.Trim(), "malloc_trim released nothing.");
            var released = before - ResidentKilobytes();
            // 30 MB were freed; at least half of it must leave the resident set.
            Assert.True(released >= count * size / 1024 / 2, $"Released {released} kB of {count * size / 1024} kB freed.");
        }
        finally
        {
            foreach (var block in small) Marshal.FreeHGlobal(block);
        }
    }

    private static long ResidentKilobytes() =>
        long.Parse(File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
