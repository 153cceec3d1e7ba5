using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Applications;

/// <summary>The managers' pages for message templates, workflows and revoking a result, scanned by axe (the list, an edit form, the workflow form).</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffPagesAccessibilityTests(BrowserFixture mall)
{
    [Theory]
    [InlineData("/kelola/notifikasi")]
    [InlineData("/kelola/layanan/DKP-KK/alur")]
    [InlineData("/kelola/hasil/ZZZZZZZZZZ")]
    public async Task ManagerPages_HaveNoSeriousAccessibilityViolations(string path)
    {
        var page = await mall.NewPageAsync();
        await mall.SignInAsync(page, "pengelola@demo.satuatap.id");
        await page.GotoAsync(path);
        await BrowserFixture.AssertAccessibleAsync(page);
        if (path != "/kelola/notifikasi") return;
        await page.Locator("table a").First.ClickAsync();
        await page.Locator("#body").WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
