using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace SatuAtap.Web.Infrastructure;

/// <summary>One bar: its label under the axis, its value (none: an empty slot), a tooltip and a colour of its own.</summary>
public sealed record ChartBar(string Label, double? Value, string? Tooltip = null, string? Fill = null);

/// <summary>A fixed scale (for example the satisfaction index's 25–100) with dashed guide lines at named values.</summary>
public sealed record ChartScale(double Min, double Max, IReadOnlyList<(double At, string Label)> Guides);

/// <summary>
/// The one bar chart of the pages, drawn on the server as SVG so that it reads without script: one bar per point, an
/// empty slot for a point without a value. Without a <see cref="ChartScale"/> it runs from 0 to the largest value. It
/// scales to the width of its box. The figures themselves go in a table beside it; the chart carries a title for
/// screen readers.
/// </summary>
public static class SvgChart
{
    private const int Width = 600, Height = 220, Left = 48, Bottom = 28, Top = 12;
    private const string Bar = "#1a5e9a", Ink = "#222", Guide = "#767676";

    public static IHtmlContent Bars(string title, IReadOnlyList<(string Label, double? Value)> points) =>
        Bars(title, points.Select(p => new ChartBar(p.Label, p.Value)).ToList());

    public static IHtmlContent Bars(string title, IReadOnlyList<ChartBar> bars, ChartScale? scale = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var min = scale?.Min ?? 0;
        var max = scale?.Max ?? bars.Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max();
        if (max <= min) max = min + 1;
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Bottom - Top;
        double Y(double v) => Top + plotHeight - (Math.Clamp(v, min, max) - min) / (max - min) * plotHeight;
        var slot = bars.Count == 0 ? plotWidth : (double)plotWidth / bars.Count;
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\" preserveAspectRatio=\"xMidYMid meet\">");
        sb.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - 8}\" y2=\"{Top + plotHeight}\" stroke=\"#555\"/>");
        var marks = scale?.Guides ?? [(max, Short(max)), (min, Short(min))];
        foreach (var (at, label) in marks)
        {
            var y = Y(at);
            if (scale is not null)
                sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - 8}\" y2=\"{y:0.#}\" stroke=\"{Guide}\" stroke-dasharray=\"4 3\"/>");
            sb.Append(inv, $"<text x=\"{Left - 4}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"{Ink}\">{WebUtility.HtmlEncode(label)}</text>");
        }
        var labelEvery = Math.Max(1, (int)Math.Ceiling(bars.Count / 8.0));
        for (var i = 0; i < bars.Count; i++)
        {
            var x = Left + i * slot;
            if (bars[i].Value is { } v && v > min)
            {
                var top = Y(v);
                sb.Append(inv, $"<rect x=\"{x + slot * 0.15:0.#}\" y=\"{top:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{Top + plotHeight - top:0.#}\" fill=\"{bars[i].Fill ?? Bar}\">");
                if (bars[i].Tooltip is { } tip) sb.Append("<title>").Append(WebUtility.HtmlEncode(tip)).Append("</title>");
                sb.Append("</rect>");
            }
            if (i % labelEvery == 0)
                sb.Append(inv, $"<text x=\"{x + slot / 2:0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{Ink}\">{WebUtility.HtmlEncode(bars[i].Label)}</text>");
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    private static string Short(double v) => v >= 1_000_000 ? (v / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + " jt"
        : v >= 10_000 ? (v / 1000).ToString("0.#", CultureInfo.InvariantCulture) + " rb"
        : v.ToString("0.##", CultureInfo.InvariantCulture);
}
