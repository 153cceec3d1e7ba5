using System.Runtime.InteropServices;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>The C library's free memory is given back to the system (Linux with glibc; see <see cref="NativeHeap"/>).</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void OnLinux_TheTrimIsAvailable() => Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.Supported);

    [Fact]
    public void FreeSpaceInsideTheArena_LeavesTheResidentSet()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Marshal's blocks are malloc's on Linux. 96 KB blocks come from the arena (below glibc's 128 KB mmap
        // threshold), each followed by a small block that stays allocated, so the freed blocks cannot merge into the
        // arena's top and be returned by free() itself. Whether their pages are still resident is asked of the kernel
        // (mincore) for those pages only, so the other tests' memory (and the trims of the malls they start) cannot
        // blur it.
        const int count = 320, size = 96 * 1024;
        var large = new nint[count];
        var small = new nint[count];
        var ones = new byte[size];
        Array.Fill(ones, (byte)1);
        var filled = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                large[i] = Marshal.AllocHGlobal(size);
                Marshal.Copy(ones, 0, large[i], size);
                small[i] = Marshal.AllocHGlobal(64);
            }
        });
        filled.Start();
        filled.Join();
        try
        {
            var (resident, pages) = Resident(large, size, mayBeUnmapped: false);
            Assert.True(resident == pages, $"{resident} of {pages} pages resident after writing them.");

            var freed = new Thread(() => { foreach (var block in large) Marshal.FreeHGlobal(block); });
            freed.Start();
            freed.Join();
            NativeHeap.Trim();

            // The trim may give a thread arena's emptied heap back whole (unmapped): such pages count as not resident.
            (resident, pages) = Resident(large, size, mayBeUnmapped: true);
            Assert.True(resident <= pages / 4, $"{resident} of {pages} freed pages still resident after the trim.");
        }
        finally
        {
            foreach (var block in small) Marshal.FreeHGlobal(block);
        }
    }

    /// <summary>The whole pages inside the blocks (past the allocator's header), and how many of them are resident.</summary>
    private static (int Resident, int Pages) Resident(nint[] blocks, int size, bool mayBeUnmapped)
    {
        const int noMemory = 12; // ENOMEM: part of the range is not mapped.
        var page = Environment.SystemPageSize;
        var mincore = Marshal.GetDelegateForFunctionPointer<MincoreFunction>(
            NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "mincore"));
        int resident = 0, pages = 0;
        foreach (var block in blocks)
        {
            var start = (block + 64 + page - 1) / page * page;
            var end = (block + size) / page * page;
            var vector = new byte[(end - start) / page];
            pages += vector.Length;
            if (mincore(start, (nuint)(end - start), vector) == 0)
            {
                resident += vector.Count(v => (v & 1) != 0);
                continue;
            }
            Assert.True(mayBeUnmapped && Marshal.GetLastPInvokeError() == noMemory,
                $"mincore failed with errno {Marshal.GetLastPInvokeError()}.");
            var one = new byte[1];
            for (var at = start; at < end; at += page)
            {
                if (mincore(at, (nuint)page, one) == 0) resident += one[0] & 1;
                else Assert.Equal(noMemory, Marshal.GetLastPInvokeError());
            }
        }
        return (resident, pages);
    }

    /// <summary><c>int mincore(void *addr, size_t length, unsigned char *vec)</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    private delegate int MincoreFunction(nint address, nuint length, byte[] vector);
}
