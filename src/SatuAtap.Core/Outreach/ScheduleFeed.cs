using System.Security.Cryptography;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Outreach;

/// <summary>
/// The schedule as an iCalendar feed (RFC 5545, written by Ical.Net). Visits to one stop at the same hours with the same
/// services make one event: the first visit's start and end, the others as RDATE instants, so that a year of the whole
/// circuit stays small; the event carries the place, the services and a link to the stop page. Times are written in
/// UTC, so every calendar shows them right in its own zone. A cancelled visit is an event of its own with
/// STATUS:CANCELLED so that subscribed calendars drop it.
/// </summary>
public static class ScheduleFeed
{
    public static string Build(string calendarName, IEnumerable<VisitView> visits, PublicLinks links, DateTime stampUtc)
    {
        var calendar = new Calendar { ProductId = "-//SatuAtap//MPP Keliling//ID", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        var stamp = new CalDateTime(DateTime.SpecifyKind(stampUtc, DateTimeKind.Utc));
        foreach (var series in Series(visits))
        {
            var first = series[0];
            var e = Event(first, links, stamp);
            if (first.Status == "cancelled") e.Status = EventStatus.Cancelled;
            else
            {
                e.Uid = SeriesUid(first);
                foreach (var other in series.Skip(1)) e.RecurrenceDates.Add(new CalDateTime(other.Start.UtcDateTime));
            }
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// The visits grouped into series, each in time order: a cancelled visit alone; the others by stop, hours (start in
    /// the stop's time and length) and services. Pure, so that the grouping can be tested without a calendar.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<VisitView>> Series(IEnumerable<VisitView> visits) =>
        visits.OrderBy(v => v.Start)
            .GroupBy(v => v.Status == "cancelled"
                ? v.Id.ToString("N")
                : $"{v.Stop.Id:N}|{v.Start.TimeOfDay}|{v.Start.Offset}|{v.End - v.Start}|{string.Join(",", v.Services.Select(s => s.ServiceId).Order())}")
            .Select(g => (IReadOnlyList<VisitView>)g.ToList())
            .OrderBy(g => g[0].Start)
            .ToList();

    private static CalendarEvent Event(VisitView v, PublicLinks links, CalDateTime stamp)
    {
        var url = links.To(v.Stop.PagePath);
        var e = new CalendarEvent
        {
            Uid = $"{v.Id:N}@satuatap",
            DtStamp = stamp,
            DtStart = new CalDateTime(v.Start.UtcDateTime),
            DtEnd = new CalDateTime(v.End.UtcDateTime),
            Summary = $"MPP Keliling {v.Stop.Name}",
            Location = $"{v.Stop.Address}, {v.Stop.District}",
            Description = $"{Lang.T("Layanan", "Services")}: {string.Join(", ", v.Services.Select(s => s.Name))}. {Lang.T("Sisa kuota dan pemesanan", "Places left and booking")}: {url}",
            Url = new Uri(url),
            Status = EventStatus.Confirmed,
        };
        if (v.Stop.Latitude is { } lat && v.Stop.Longitude is { } lon) e.GeographicLocation = new GeographicLocation(lat, lon);
        return e;
    }

    /// <summary>A series' UID, the same from one fetch of the feed to the next: the stop, the hours and the services.</summary>
    private static string SeriesUid(VisitView v)
    {
        var key = $"{v.Start.TimeOfDay}|{v.Start.Offset}|{v.End - v.Start}|{string.Join(",", v.Services.Select(s => s.ServiceId).Order())}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 6));
        return $"{v.Stop.Id:N}-{hash}@satuatap";
    }
}
