using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Common.Documents;
using SatuAtap.Core.Data;
using SatuAtap.Tests.Documents;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>A mall of another regency: its name, address and logo come from its settings, on pages, documents and messages.</summary>
public sealed class MallIdentityTests(MallIdentityTests.KotaContohMall mall) : IClassFixture<MallIdentityTests.KotaContohMall>
{
    public sealed class KotaContohMall : MallFactory
    {
        public string LogoPath { get; } = Path.Combine(Path.GetTempPath(), $"satuatap-logo-{Guid.NewGuid():N}.png");

        public KotaContohMall() => File.WriteAllBytes(LogoPath, PdfDocumentBuilder.QrPng("logo Kota Contoh", 2));

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Mall:Regency"] = "Kota Contoh",
            ["Mall:Name"] = "",
            ["Mall:NameEn"] = "",
            ["Mall:ShortName"] = "MPP Kota Contoh",
            ["Mall:Address"] = "Jl. Merdeka No. 1, Kota Contoh",
            ["Mall:AddressEn"] = "",
            ["Mall:Phone"] = "0266 555 0100",
            ["Mall:Logo"] = LogoPath,
        };

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            File.Delete(LogoPath);
        }
    }

    [Fact]
    public async Task ThePagesNameTheConfiguredMall()
    {
        var client = mall.CreateClient();
        var home = await client.GetStringAsync("/");
        Assert.Contains("<title>Beranda · SatuAtap MPP Kota Contoh</title>", home, StringComparison.Ordinal);
        Assert.Contains("Mal Pelayanan Publik Kota Contoh &#xB7; Jl. Merdeka No. 1, Kota Contoh", home, StringComparison.Ordinal);
        Assert.Contains("0266 555 0100", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Sukabumi", home, StringComparison.OrdinalIgnoreCase);

        // The header shows the configured logo, served at /logo as the image the documents print.
        Assert.Contains("<img src=\"/logo\"", home, StringComparison.Ordinal);
        var logo = await client.GetAsync("/logo");
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["logo Kota Contoh"], PdfReading.QrCodesInImage(await logo.Content.ReadAsByteArrayAsync()));

        var english = await client.GetStringAsync("/?lang=en");
        Assert.Contains("Public Service Mall of Kota Contoh", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReceiptAndTheMessagesNameTheConfiguredMall()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, number) = await SubmittedKtpAsync(citizen);

        var receipt = await citizen.GetByteArrayAsync($"/api/v1/applications/{id}/receipt.pdf");
        var text = PdfReading.Text(receipt);
        Assert.Contains("MAL PELAYANAN PUBLIK KOTA CONTOH", text, StringComparison.Ordinal);
        Assert.Contains("Jl. Merdeka No. 1, Kota Contoh", text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sukabumi", text, StringComparison.OrdinalIgnoreCase);
        // The images on the page: the configured logo (itself a code, so that the test can read it) and the QR code of the tracking page.
        Assert.Equal(["logo Kota Contoh", $"{MallFactory.PublicBaseUrl}/lacak?nomor={number}"], PdfReading.QrCodes(receipt));

        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var email = await db.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.Recipient == Accounts.Citizen && m.EventCode == "application.submitted" && m.Subject.Contains(number));
        Assert.EndsWith("\n\nMal Pelayanan Publik Kota Contoh", email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Sukabumi", email.Body, StringComparison.OrdinalIgnoreCase);
    }
}
