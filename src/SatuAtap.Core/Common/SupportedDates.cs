namespace SatuAtap.Core.Common;

/// <summary>
/// The dates the mall accepts from outside (query strings, forms): 2000-01-01 to 2100-12-31. Everything it computes
/// from them — due dates thousands of working days on, a day's UTC range — stays far from the ends of the calendar.
/// </summary>
public static class SupportedDates
{
    public static readonly DateOnly First = new(2000, 1, 1);
    public static readonly DateOnly Last = new(2100, 12, 31);

    public static bool Contains(DateOnly date) => date >= First && date <= Last;

    public static string Message => Lang.T("Tanggal harus antara 2000-01-01 dan 2100-12-31.", "The date must be between 2000-01-01 and 2100-12-31.");
}
