using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Outreach;

/// <summary>
/// The schedule as an iCalendar feed (RFC 5545, written by Ical.Net): one event per visit with its place, services and
/// a link to the stop page. Times are written in UTC, so every calendar shows them right in its own zone; a cancelled
/// visit stays in the feed with STATUS:CANCELLED so that subscribed calendars drop it.
/// </summary>
public static class ScheduleFeed
{
    public static string Build(string calendarName, IEnumerable<VisitView> visits, PublicLinks links, DateTime stampUtc)
    {
        var calendar = new Calendar { ProductId = "-//SatuAtap//MPP Keliling//ID", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        foreach (var v in visits)
        {
            var url = links.To(v.Stop.PagePath);
            var services = string.Join(", ", v.Services.Select(s => s.Name));
            var e = new CalendarEvent
            {
                Uid = $"{v.Id:N}@satuatap",
                DtStamp = new CalDateTime(DateTime.SpecifyKind(stampUtc, DateTimeKind.Utc)),
                DtStart = new CalDateTime(v.Start.UtcDateTime),
                DtEnd = new CalDateTime(v.End.UtcDateTime),
                Summary = $"MPP Keliling {v.Stop.Name}",
                Location = $"{v.Stop.Address}, {v.Stop.District}",
                Description = $"{Lang.T("Layanan", "Services")}: {services}\n{url}",
                Url = new Uri(url),
                Status = v.Status == "cancelled" ? EventStatus.Cancelled : EventStatus.Confirmed,
            };
            if (v.Stop.Latitude is { } lat && v.Stop.Longitude is { } lon) e.GeographicLocation = new GeographicLocation(lat, lon);
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
