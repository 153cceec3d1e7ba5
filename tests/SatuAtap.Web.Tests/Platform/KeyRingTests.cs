using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>A mall whose data-protection keys are encrypted with a self-signed certificate made for the test.</summary>
public sealed class KeyRingMall : MallFactory
{
    private readonly string _certificate = Path.Combine(Path.GetTempPath(), "satuatap-tests", $"keyring-{Guid.NewGuid():N}.pfx");

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            if (!File.Exists(_certificate))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_certificate)!);
                using var rsa = RSA.Create(2048);
                var request = new CertificateRequest("CN=SatuAtap test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                File.WriteAllBytes(_certificate, certificate.Export(X509ContentType.Pfx, "rahasia"));
            }
            return new Dictionary<string, string?>
            {
                ["DataProtection:CertificatePath"] = _certificate,
                ["DataProtection:CertificatePassword"] = "rahasia",
            };
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        File.Delete(_certificate);
    }
}

public sealed class KeyRingTests(KeyRingMall mall) : IClassFixture<KeyRingMall>
{
    [Fact]
    public async Task StoredKeys_AreEncryptedWithTheCertificate_AndStillWork()
    {
        // Signing in needs a key (antiforgery token, then the cookie); the cookie is read back on the next request.
        var client = await mall.PageClientForAsync(Accounts.Citizen);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/permohonan")).StatusCode);

        await using var scope = mall.Scope();
        var keys = await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml);
            Assert.Contains("EncryptedXmlDecryptor", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }
}
