using System.Globalization;
using System.Text;

namespace SatuAtap.Core.Insights;

/// <summary>One row of the open data: an agency in a month (docs/insights.md, "Open data"). No personal data; a group
/// under five people is folded into "other", and that one's figures are left empty when it is small too.</summary>
public sealed record OpenDataRow(
    string Month, string AgencyCode, string Agency, bool Suppressed, int? Served, double? OnlineShare, double? OnTimeShare,
    decimal? Ikm, string? Grade, int? Respondents, double? WaitAverageMinutes);

/// <summary>GET /api/v1/insights/open-data: public, per agency and month.</summary>
public sealed class OpenData(InsightReads reads)
{
    public static readonly string[] Columns =
        ["month", "agencyCode", "agency", "suppressed", "served", "onlineShare", "onTimeShare", "ikm", "grade", "respondents", "waitAverageMinutes"];

    public async Task<IReadOnlyList<OpenDataRow>> HandleAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var groups = await reads.ByAgencyAsync(new InsightFilter(from, to), byMonth: true, ct);
        return groups.Where(g => g.Figures.Served > 0 || g.Figures.Respondents > 0).Select(g => g.Hidden
                ? new OpenDataRow(g.Period, g.Key, g.Name, true, null, null, null, null, null, null, null)
                : new OpenDataRow(g.Period, g.Key, g.Name, false, g.Figures.Served, g.Figures.OnlineShare, g.Figures.OnTimeShare, g.Figures.Ikm,
                    g.Figures.Grade, g.Figures.Respondents, g.Figures.WaitAverageMinutes))
            .ToList();
    }

    public static string Csv(IEnumerable<OpenDataRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Columns).Append("\r\n");
        foreach (var r in rows)
        {
            string?[] cells = [r.Month, r.AgencyCode, r.Agency, r.Suppressed ? "true" : "false", N(r.Served), N(r.OnlineShare), N(r.OnTimeShare),
                r.Ikm?.ToString(CultureInfo.InvariantCulture), r.Grade, N(r.Respondents), N(r.WaitAverageMinutes)];
            sb.AppendJoin(',', cells.Select(CsvCell)).Append("\r\n");
        }
        return sb.ToString();
    }

    /// <summary>A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; a leading = + - @ is
    /// prefixed with a quote mark so that a spreadsheet does not run it as a formula.</summary>
    public static string CsvCell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '@' or '-' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string? N(double? v) => v?.ToString(CultureInfo.InvariantCulture);
    private static string? N(int? v) => v?.ToString(CultureInfo.InvariantCulture);
}
