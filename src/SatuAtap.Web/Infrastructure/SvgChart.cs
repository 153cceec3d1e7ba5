using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// A bar chart drawn on the server as SVG, so that it reads without script: one bar per point, an empty slot for a
/// point without a value, the largest value at the top. It scales to the width of its box. The figures themselves go
/// in a table beside it; the chart carries a title for screen readers.
/// </summary>
public static class SvgChart
{
    private const int Width = 600, Height = 220, Left = 48, Bottom = 28, Top = 12;

    public static IHtmlContent Bars(string title, IReadOnlyList<(string Label, double? Value)> points)
    {
        var inv = CultureInfo.InvariantCulture;
        var max = points.Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max();
        if (max <= 0) max = 1;
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Bottom - Top;
        var slot = points.Count == 0 ? plotWidth : (double)plotWidth / points.Count;
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\" preserveAspectRatio=\"xMidYMid meet\">");
        sb.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - 8}\" y2=\"{Top + plotHeight}\" stroke=\"#555\"/>");
        sb.Append(inv, $"<text x=\"{Left - 4}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"12\" fill=\"#222\">{WebUtility.HtmlEncode(Short(max))}</text>");
        sb.Append(inv, $"<text x=\"{Left - 4}\" y=\"{Top + plotHeight}\" text-anchor=\"end\" font-size=\"12\" fill=\"#222\">0</text>");
        var labelEvery = Math.Max(1, (int)Math.Ceiling(points.Count / 8.0));
        for (var i = 0; i < points.Count; i++)
        {
            var x = Left + i * slot;
            if (points[i].Value is { } v && v > 0)
            {
                var h = v / max * plotHeight;
                sb.Append(inv, $"<rect x=\"{x + slot * 0.15:0.#}\" y=\"{Top + plotHeight - h:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{h:0.#}\" fill=\"#1a5e9a\"/>");
            }
            if (i % labelEvery == 0)
                sb.Append(inv, $"<text x=\"{x + slot / 2:0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#222\">{WebUtility.HtmlEncode(points[i].Label)}</text>");
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    private static string Short(double v) => v >= 1_000_000 ? (v / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + " jt"
        : v >= 10_000 ? (v / 1000).ToString("0.#", CultureInfo.InvariantCulture) + " rb"
        : v.ToString("0.##", CultureInfo.InvariantCulture);
}
