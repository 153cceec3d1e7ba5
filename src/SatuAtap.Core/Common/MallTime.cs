namespace SatuAtap.Core.Common;

/// <summary>Times are stored in UTC and shown in the mall's zone (Asia/Jakarta, WIB, for Sukabumi).</summary>
public sealed class MallTime(TimeProvider clock, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public DateTime Now => ToLocal(UtcNow);

    public DateOnly Today => DateOnly.FromDateTime(Now);

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);
}
