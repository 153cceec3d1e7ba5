using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SatuAtap.Web.Tests.Infrastructure;

/// <summary>Pages as HTML through the test host: sign in with the form, read the DOM, post forms with their antiforgery token.</summary>
public static class Pages
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public static async Task<IHtmlDocument> ParseAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>A cookie client signed in through the sign-in page.</summary>
    public static async Task<HttpClient> PageClientForAsync(this MallFactory mall, string email)
    {
        var client = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/akun/masuk", null, new() { ["email"] = email, ["password"] = MallFactory.DemoPassword });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts a form of the page at <paramref name="url"/> (the first form, or the one whose action ends with <paramref name="handler"/>), with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, string? handler, Dictionary<string, string> values)
    {
        var page = await client.GetPageAsync(url);
        var form = page.Forms.First(f => handler is null ? f.Method == "post" : (f.Action ?? "").Contains("handler=" + handler, StringComparison.OrdinalIgnoreCase));
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value),
        };
        fields.AddRange(values);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>What a browser would send for a form as it stands: inputs (checked boxes only), text areas and selects.</summary>
    public static List<KeyValuePair<string, string>> Values(this IHtmlFormElement form) =>
        form.Elements.OfType<IHtmlInputElement>()
            .Where(e => !string.IsNullOrEmpty(e.Name) && (e.Type != "checkbox" || e.IsChecked))
            .Select(e => new KeyValuePair<string, string>(e.Name!, e.Value))
            .Concat(form.Elements.OfType<IHtmlTextAreaElement>().Select(e => new KeyValuePair<string, string>(e.Name!, e.Value)))
            .Concat(form.Elements.OfType<IHtmlSelectElement>().Select(e => new KeyValuePair<string, string>(e.Name!, e.Value ?? "")))
            .ToList();

    /// <summary>The form's values with some replaced.</summary>
    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> values, Dictionary<string, string> changes) =>
        values.Where(kv => !changes.ContainsKey(kv.Key)).Concat(changes).ToList();
}
