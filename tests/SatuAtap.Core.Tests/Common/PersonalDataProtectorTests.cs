using System.Security.Cryptography;
using System.Text;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Tests.Common;

public sealed class PersonalDataProtectorTests
{
    private static readonly byte[] KeyA = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] KeyB = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] HashKey = Enumerable.Range(201, 32).Select(i => (byte)i).ToArray();
    private const string Nik = "3202011505900001";

    private static PersonalDataProtector With(string current, params (string Id, byte[] Key)[] keys) =>
        new(keys.ToDictionary(k => k.Id, k => k.Key), current, HashKey);

    [Fact]
    public void Protect_GivesACiphertextNamingTheKey_ThatReadsBackToTheValue()
    {
        var p = With("a", ("a", KeyA));
        var stored = p.Protect(Nik, "Application.ApplicantNik");
        Assert.StartsWith("pd1:a:", stored);
        Assert.DoesNotContain(Nik, stored);
        Assert.NotEqual(stored, p.Protect(Nik, "Application.ApplicantNik")); // a fresh nonce every time
        Assert.Equal(Nik, p.Unprotect(stored, "Application.ApplicantNik"));
    }

    [Fact]
    public void AfterRotation_OldValuesAreRead_AndNewOnesUseTheNewKey()
    {
        var before = With("a", ("a", KeyA)).Protect(Nik, "Booking.Nik");
        var rotated = With("b", ("a", KeyA), ("b", KeyB));
        Assert.Equal(Nik, rotated.Unprotect(before, "Booking.Nik"));
        Assert.StartsWith("pd1:b:", rotated.Protect(Nik, "Booking.Nik"));
        // Once the old key is removed, what it wrote can no longer be read, and the message names it.
        var e = Assert.ThrowsAny<CryptographicException>(() => With("b", ("b", KeyB)).Unprotect(before, "Booking.Nik"));
        Assert.Contains("PersonalData:Keys:a", e.Message);
    }

    [Fact]
    public void AlteredValue_OrAnotherColumn_DoesNotDecrypt()
    {
        var p = With("a", ("a", KeyA));
        var stored = p.Protect(Nik, "Application.ApplicantNik");
        var bytes = Convert.FromBase64String(stored["pd1:a:".Length..]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => p.Unprotect("pd1:a:" + Convert.ToBase64String(bytes), "Application.ApplicantNik"));
        Assert.ThrowsAny<CryptographicException>(() => p.Unprotect(stored, "Booking.Nik"));
    }

    [Fact]
    public void ValueStoredBeforeEncryption_IsReadAsItIs()
    {
        Assert.Equal(Nik, With("a", ("a", KeyA)).Unprotect(Nik, "Application.ApplicantNik"));
        Assert.False(PersonalDataProtector.IsProtected(Nik));
    }

    [Fact]
    public void Hash_IsStableForAKey_AndDiffersBetweenKeys()
    {
        var p = With("a", ("a", KeyA));
        Assert.Equal(p.Hash(Nik), With("b", ("b", KeyB)).Hash(Nik)); // the hash key, not the encryption keys, decides
        Assert.Matches("^[0-9a-f]{64}$", p.Hash(Nik));
        Assert.NotEqual(p.Hash(Nik), new PersonalDataProtector(new Dictionary<string, byte[]> { ["a"] = KeyA }, "a", KeyB).Hash(Nik));
    }

    [Fact]
    public void Fingerprint_IsEqualForTheSameKeys_AndDiffersWhenTheCurrentKeyChanges()
    {
        Assert.Equal(With("a", ("a", KeyA), ("b", KeyB)).Fingerprint, With("a", ("b", KeyB), ("a", KeyA)).Fingerprint);
        Assert.NotEqual(With("a", ("a", KeyA), ("b", KeyB)).Fingerprint, With("b", ("a", KeyA), ("b", KeyB)).Fingerprint);
    }

    [Fact]
    public void File_IsSealedWithAHeader_AndAFileFromBeforeIsReadAsItIs()
    {
        var p = With("a", ("a", KeyA));
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4 Kartu Keluarga " + Nik);
        var sealedFile = p.ProtectFile(pdf);
        Assert.Equal(-1, sealedFile.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Nik)));
        Assert.True(PersonalDataProtector.IsProtectedFile(sealedFile));
        Assert.Equal(pdf, With("b", ("a", KeyA), ("b", KeyB)).UnprotectFile(sealedFile));
        Assert.Equal(pdf, p.UnprotectFile(pdf));
    }

    [Fact]
    public async Task FileStore_WritesEncrypted_AndOpensClear_IncludingFilesWrittenBefore()
    {
        var root = Directory.CreateTempSubdirectory("satuatap-files").FullName;
        try
        {
            var content = Encoding.ASCII.GetBytes("%PDF-1.4 " + Nik);
            var plainStore = new FileStore(root);
            var old = await plainStore.SaveAsync(new MemoryStream(content), "applications");
            var store = new FileStore(root, With("a", ("a", KeyA)));
            var key = await store.SaveAsync(new MemoryStream(content), "applications");
            Assert.Equal(-1, (await File.ReadAllBytesAsync(Path.Combine(root, key))).AsSpan().IndexOf(Encoding.ASCII.GetBytes(Nik)));
            foreach (var k in new[] { key, old })
            {
                await using var stream = store.Open(k)!;
                using var read = new MemoryStream();
                await stream.CopyToAsync(read);
                Assert.Equal(content, read.ToArray());
            }
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Theory]
    [InlineData("3202011505900001", " 3202011505900001 ", true)]
    [InlineData("3202011505900001", "3202011505900002", false)]
    [InlineData("3202011505900001", "0001", false)]
    [InlineData(null, "3202011505900001", false)]
    public void Nik_Matches_OnlyTheWholeNik(string? stored, string given, bool matches) =>
        Assert.Equal(matches, SatuAtap.Core.Identity.Nik.Matches(stored, given));
}
