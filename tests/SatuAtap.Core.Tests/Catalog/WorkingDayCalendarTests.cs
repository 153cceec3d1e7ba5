using System.Globalization;
using SatuAtap.Core.Catalog;

namespace SatuAtap.Core.Tests.Catalog;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar2026 = LoadDemoHolidays();

    private static WorkingDayCalendar LoadDemoHolidays()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "holidays-id.csv");
        using var reader = new StreamReader(path);
        return new WorkingDayCalendar(HolidayImport.Parse(reader).Select(h => h.Date));
    }

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void AddWorkingDays_StartsCountingTheDayAfter()
    {
        // Monday 2 November 2026 + 1 working day = Tuesday.
        Assert.Equal(D("2026-11-03"), Calendar2026.AddWorkingDays(D("2026-11-02"), 1));
    }

    [Fact]
    public void AddWorkingDays_SkipsTheWeekend()
    {
        // Friday 6 November 2026 + 1 = Monday 9 November; + 5 = Friday 13 November.
        Assert.Equal(D("2026-11-09"), Calendar2026.AddWorkingDays(D("2026-11-06"), 1));
        Assert.Equal(D("2026-11-13"), Calendar2026.AddWorkingDays(D("2026-11-06"), 5));
    }

    [Fact]
    public void AddWorkingDays_FromASaturday_CountsFromMonday()
    {
        Assert.Equal(D("2026-11-09"), Calendar2026.AddWorkingDays(D("2026-11-07"), 1));
    }

    [Fact]
    public void AddWorkingDays_AcrossIdulFitri2026_SkipsTheHolidaysAndCollectiveLeave()
    {
        // Nyepi 19 March 2026 (leave on 18), Idul Fitri 1447 H 21–22 March (a weekend) with collective leave 20, 23 and 24 March.
        foreach (var day in new[] { "2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24" })
            Assert.False(Calendar2026.IsWorkingDay(D(day)), day);
        Assert.True(Calendar2026.IsWorkingDay(D("2026-03-17")));
        Assert.True(Calendar2026.IsWorkingDay(D("2026-03-25")));
        // Friday 13 March + 5 working days: 16, 17, 25, 26, 27 March.
        Assert.Equal(D("2026-03-27"), Calendar2026.AddWorkingDays(D("2026-03-13"), 5));
        // Tuesday 17 March + 1 working day lands after the whole break.
        Assert.Equal(D("2026-03-25"), Calendar2026.AddWorkingDays(D("2026-03-17"), 1));
    }

    [Fact]
    public void AddWorkingDays_AcrossNewYear_SkipsChristmasLeaveAndNewYear()
    {
        // 25 Dec 2025 (Christmas), 26 Dec (collective leave), then the weekend; 1 Jan 2026 (New Year).
        Assert.Equal(D("2025-12-29"), Calendar2026.AddWorkingDays(D("2025-12-24"), 1));
        Assert.Equal(D("2026-01-02"), Calendar2026.AddWorkingDays(D("2025-12-31"), 1));
    }

    [Fact]
    public void ZeroWorkingDays_IsTheSameDay_AndNegativeIsRefused()
    {
        Assert.Equal(D("2026-11-07"), Calendar2026.AddWorkingDays(D("2026-11-07"), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar2026.AddWorkingDays(D("2026-11-07"), -1));
    }

    [Fact]
    public void CountWorkingDays_IsTheInverseOfAdd()
    {
        var start = D("2026-03-10");
        for (var n = 0; n < 40; n++)
            Assert.Equal(n, Calendar2026.CountWorkingDays(start, Calendar2026.AddWorkingDays(start, n)));
    }

    [Fact]
    public void HolidayImport_ReportsTheBadLine()
    {
        var csv = "date,kind,name_id,name_en\n2026-01-01,national,Tahun Baru,New Year\n2026-02-30,national,Salah,Wrong\n";
        var e = Assert.Throws<HolidayImport.FormatException>(() => HolidayImport.Parse(new StringReader(csv)));
        Assert.Equal(3, e.Line);
        var kind = "2026-01-01,libur,Tahun Baru\n";
        Assert.Equal(1, Assert.Throws<HolidayImport.FormatException>(() => HolidayImport.Parse(new StringReader(kind))).Line);
    }

    [Fact]
    public void HolidayImport_ReadsQuotedCommasAndLineBreaks_AndSkipsTheByteOrderMark()
    {
        var csv = "\uFEFFdate,kind,name_id,name_en\r\n"
                  + "2026-01-01,national,\"Tahun Baru, Masehi\",\"New Year's Day\nwhole country\"\r\n"
                  + "2026-03-19,collective_leave,\"Cuti \"\"Bersama\"\"\",Collective leave\r\n";
        var list = HolidayImport.Parse(new StringReader(csv));
        Assert.Equal(2, list.Count);
        Assert.Equal(new DateOnly(2026, 1, 1), list[0].Date);
        Assert.Equal("Tahun Baru, Masehi", list[0].Name);
        Assert.Equal("New Year's Day\nwhole country", list[0].NameEn);
        Assert.Equal("Cuti \"Bersama\"", list[1].Name);
        Assert.Equal(HolidayKind.CollectiveLeave, list[1].Kind);
    }

    [Fact]
    public void HolidayImport_CountsLinesInsideQuotedFields_WhenItReportsABadRow()
    {
        // The quoted name spans lines 2 and 3; the bad date is on line 4 of the file.
        var csv = "date,kind,name_id,name_en\n2026-01-01,national,\"Tahun\nBaru\",New Year\n2026-02-30,national,Salah,Wrong\n";
        Assert.Equal(4, Assert.Throws<HolidayImport.FormatException>(() => HolidayImport.Parse(new StringReader(csv))).Line);
        var unclosed = "date,kind,name_id,name_en\n2026-01-01,national,Tahun Baru,New Year\n2026-05-01,national,\"Hari Buruh,Labour Day\n";
        var e = Assert.Throws<HolidayImport.FormatException>(() => HolidayImport.Parse(new StringReader(unclosed)));
        Assert.Equal(3, e.Line);
        Assert.Matches("^(Baris|Line) 3:", e.Message);
    }

    [Theory]
    [InlineData("2026-11-30", "2025,2026", "2027")]
    [InlineData("2026-11-30", "2026,2027", "")]
    [InlineData("2026-09-30", "2026", "")]
    [InlineData("2026-10-01", "2026", "2027")]
    [InlineData("2027-02-01", "2026", "2027")]
    public void CalendarCoverage_NamesTheYearsWithoutHolidays(string today, string known, string missing)
    {
        var years = known.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);
        var expected = missing.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);
        Assert.Equal(expected, CalendarCoverage.MissingYears(DateOnly.Parse(today, CultureInfo.InvariantCulture), years));
    }

    [Theory]
    [InlineData("9999-12-30", 5)]
    [InlineData("1999-12-31", 1)]
    [InlineData("2101-01-01", 0)]
    public void AddWorkingDays_OutsideTheSupportedDates_IsRefusedByName_NotAnOverflow(string start, int days)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Calendar2026.AddWorkingDays(D(start), days));
        Assert.Equal("start", e.ParamName);
    }

    [Fact]
    public void AddWorkingDays_AtTheEdgeOfTheSupportedDates_StaysInTheCalendar()
    {
        var due = Calendar2026.AddWorkingDays(SatuAtap.Core.Common.SupportedDates.Last, WorkingDayCalendar.MaxWorkingDays);
        Assert.True(due > SatuAtap.Core.Common.SupportedDates.Last && due.Year < 2120);
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar2026.AddWorkingDays(D("2026-11-02"), WorkingDayCalendar.MaxWorkingDays + 1));
    }
}
