using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Feedback;

/// <summary>The index of a unit month by month over a period.</summary>
public sealed record SurveyTrendView(DateOnly From, DateOnly To, IReadOnlyList<MonthIndex> Months);

/// <summary>
/// The trend of the index of a unit (agency, service, site) over a period, per calendar month (<see cref="SurveyTrend"/>),
/// for the same people as the index itself: managers and executives every unit, an agency's staff their agency's.
/// </summary>
public sealed class GetSurveyTrend(GetSurveyIndex index)
{
    public async Task<Outcome<SurveyTrendView>> HandleAsync(IndexFilter filter, Caller caller, CancellationToken ct = default)
    {
        var allowed = await index.MaySeeAsync(filter, caller, ct);
        if (allowed is not null) return new Outcome<SurveyTrendView>(allowed.Value, Message: allowed == OutcomeKind.NotFound
            ? Lang.T("Layanan tidak ditemukan.", "Unknown service.") : Lang.T("Anda hanya dapat melihat indeks instansi Anda.", "You can only see your own agency's index."));
        var days = await index.DailyAsync(filter, ct);
        return Outcome<SurveyTrendView>.Ok(new SurveyTrendView(filter.From, filter.To, SurveyTrend.ByMonth(days, filter.From, filter.To)));
    }
}
