namespace SatuAtap.Core.Outreach;

/// <summary>
/// A stop's public page as it is shown, its texts written once in one language: the stop and its coming visits, each
/// with its time, its services and their places left, and a booking link where a place is left. Nothing in it belongs
/// to one visitor, so the same one serves everyone who reads the page in that language while the schedule, the places
/// left and the catalog are unchanged (<see cref="ScheduleCache.KeptStopPage"/>).
/// </summary>
public sealed record StopPage(StopView Stop, IReadOnlyList<StopPage.VisitLine> Visits)
{
    /// <param name="When">"Selasa, 1 Desember 2026, 08.00–14.00 WIB", in the stop's zone.</param>
    /// <param name="ServiceNames">The services' names, joined with commas.</param>
    public sealed record VisitLine(string When, bool Moved, string ServiceNames, IReadOnlyList<ServiceLine> Services);

    /// <param name="Places">"sisa 4 dari 5" / "4 of 5 left".</param>
    /// <param name="BookingPath">The Queue's booking form for this service at this visit; null when no place is left.</param>
    /// <param name="BookingLabel">What the booking link says to a screen reader: the service and the day.</param>
    public sealed record ServiceLine(string Name, string Places, string? BookingPath, string BookingLabel);

    /// <summary>The page of <paramref name="stop"/> for its coming <paramref name="visits"/> (in time order), in English or Indonesian.</summary>
    public static StopPage From(StopView stop, IReadOnlyList<VisitView> visits, bool english)
    {
        var lines = new List<VisitLine>(visits.Count);
        foreach (var v in visits)
        {
            var day = VisitTimes.Day(v.Start, english);
            var date = v.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var services = new List<ServiceLine>(v.Services.Count);
            foreach (var s in v.Services)
            {
                services.Add(new ServiceLine(s.Name,
                    english ? $"{s.Remaining} of {s.Quota} left" : $"sisa {s.Remaining} dari {s.Quota}",
                    s.Remaining > 0 ? $"/antrian/pesan?lokasi={v.SiteId}&layanan={s.ServiceId}&tanggal={date}" : null,
                    english ? $"Book {s.Name}, {day}" : $"Pesan {s.Name}, {day}"));
            }
            lines.Add(new VisitLine(VisitTimes.Span(v.Start, v.End, stop.TimeZone, english), v.Status == "moved",
                string.Join(", ", v.Services.Select(s => s.Name)), services));
        }
        return new StopPage(stop, lines);
    }
}
