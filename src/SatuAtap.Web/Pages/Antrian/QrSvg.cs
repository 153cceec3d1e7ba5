using Microsoft.AspNetCore.Html;
using QRCoder;

namespace SatuAtap.Web.Pages.Antrian;

/// <summary>A QR code as inline SVG: no image request, prints sharply, works without JavaScript.</summary>
public static class QrSvg
{
    public static IHtmlContent For(string text, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        // The SVG is ours (generated, no user markup inside); give it a name for screen readers.
        svg = svg.Replace("<svg ", $"<svg role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\" class=\"qr\" ", StringComparison.Ordinal);
        return new HtmlString(svg);
    }
}
