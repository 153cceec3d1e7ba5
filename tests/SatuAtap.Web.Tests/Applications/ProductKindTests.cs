using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Tests.Documents;
using SatuAtap.Web.Tests.Catalog;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Applications;

/// <summary>A KTP-el is a card to collect: once issued, the applicant is told where, when and what to bring.</summary>
public sealed class ProductKindPickupTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task IssuedKtp_IsReadyToCollect_WithAPickupNotice_NotADownloadOfTheCard()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, number) = await SubmittedKtpAsync(citizen, "3202011505900201");
        foreach (var action in new[] { "claim", "approve", "issue" }) await ActOkAsync(officer, id, action);

        string address, hours;
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var agency = await db.Services.Where(s => s.Code == "DKP-KTP").Select(s => s.Agency!).SingleAsync();
            (address, hours) = (agency.Address, agency.OpeningHours);
            Assert.NotEmpty(address);
            // The message says where, when and what to bring.
            var message = await db.OutboxMessages.SingleAsync(m => m.Recipient == Accounts.Citizen && m.Subject.Contains(number)
                && m.EventCode == "application.readyForPickup");
            Assert.Contains("KTP-el siap diambil di loket", message.Body, StringComparison.Ordinal);
            Assert.Contains(address, message.Body, StringComparison.Ordinal);
            Assert.Contains(hours, message.Body, StringComparison.Ordinal);
            Assert.Contains(number, message.Body, StringComparison.Ordinal);
            Assert.Contains("KTP-el asli", message.Body, StringComparison.Ordinal);
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.Subject.Contains(number) && m.EventCode == "application.issued"));
        }

        var detail = await citizen.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.Equal("readyForPickup", detail["status"]!.GetValue<string>());
        Assert.Equal(address, detail["pickup"]!["address"]!.GetValue<string>());

        var page = await citizen.GetPageAsync($"/permohonan/{id}");
        var pickup = page.GetElementById("pengambilan")!.TextContent;
        Assert.Contains("KTP-el siap diambil", pickup);
        Assert.Contains(address, pickup);
        Assert.Contains(hours, pickup);
        Assert.Contains(number, pickup);
        var link = page.GetElementById("hasil")!.TextContent;
        Assert.Contains("pemberitahuan pengambilan", link);
        Assert.DoesNotContain("Unduh hasil layanan", link);

        var pdf = await citizen.GetByteArrayAsync($"/api/v1/applications/{id}/result.pdf");
        var text = PdfReading.Text(pdf);
        Assert.Contains("PEMBERITAHUAN PENGAMBILAN", text, StringComparison.Ordinal);
        Assert.Contains("bukan KTP-el", text, StringComparison.Ordinal);
        Assert.Contains(address, text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Single(PdfReading.QrCodes(pdf));

        // Another agency's officer still sees nothing of it.
        var other = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/applications/{id}/result.pdf")).StatusCode);
    }

    [Fact]
    public async Task ServicePage_SaysWhatYouGet()
    {
        var page = await mall.CreateClient().GetPageAsync("/layanan/DKP-KTP");
        Assert.Equal("Kartu KTP-el, diambil di loket", page.GetElementById("produk")!.TextContent.Trim());
        var kia = await mall.CreateClient().GetPageAsync("/layanan/DKP-KIA");
        Assert.Equal("Kartu Identitas Anak (KIA), diambil di loket", kia.GetElementById("produk")!.TextContent.Trim());
        var kk = await mall.CreateClient().GetPageAsync("/layanan/DKP-KK");
        Assert.Equal("Kartu Keluarga dengan tanda tangan elektronik", kk.GetElementById("produk")!.TextContent.Trim());
    }
}

/// <summary>Managers set the kind of a service's product through the catalog API; a document is downloaded as before.</summary>
public sealed class ProductKindCatalogTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task Catalog_RoundTripsTheKind_RejectsAnUnknownOne_AndADocumentIsDownloadedAsBefore()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var id = await CatalogApiTests.ServiceIdAsync(manager, "DKP-KTP");
        var s = await manager.GetJsonAsync($"/api/v1/services/{id}");
        Assert.Equal("card", s["standard"]!["productKind"]!.GetValue<string>());

        s["standard"]!["productKind"] = "parcel";
        var bad = await (await manager.PutJsonAsync($"/api/v1/services/{id}", s)).AssertProblemAsync(400);
        Assert.NotNull(bad["errors"]!["standard.productKind"]);

        s["standard"]!["productKind"] = "document";
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync($"/api/v1/services/{id}", s)).StatusCode);
        var after = await manager.GetJsonAsync($"/api/v1/services/{id}");
        Assert.Equal("document", after["standard"]!["productKind"]!.GetValue<string>());
        // A body without the kind keeps it.
        after["standard"]!.AsObject().Remove("productKind");
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync($"/api/v1/services/{id}", after)).StatusCode);
        Assert.Equal("document", (await manager.GetJsonAsync($"/api/v1/services/{id}"))["standard"]!["productKind"]!.GetValue<string>());

        // As a document, the KTP is issued and downloaded as before.
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (appId, _) = await SubmittedKtpAsync(citizen, "3202011505900202");
        foreach (var action in new[] { "claim", "approve", "issue" }) await ActOkAsync(officer, appId, action);
        var detail = await citizen.GetJsonAsync($"/api/v1/applications/{appId}");
        Assert.Equal("issued", detail["status"]!.GetValue<string>());
        Assert.Null(detail["pickup"]);
        var page = await citizen.GetPageAsync($"/permohonan/{appId}");
        Assert.Null(page.GetElementById("pengambilan"));
        Assert.Contains("Unduh hasil layanan", page.GetElementById("hasil")!.TextContent);
        var text = PdfReading.Text(await citizen.GetByteArrayAsync($"/api/v1/applications/{appId}/result.pdf"));
        Assert.DoesNotContain("PEMBERITAHUAN PENGAMBILAN", text, StringComparison.Ordinal);
        Assert.Contains("KTP-el", text, StringComparison.Ordinal);
    }
}
