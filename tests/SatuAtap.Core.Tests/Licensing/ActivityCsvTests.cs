using SatuAtap.Core.Licensing;
using SatuAtap.Core.Licensing.Demo;

namespace SatuAtap.Core.Tests.Licensing;

public sealed class ActivityCsvTests
{
    private const string Header = "kbli,title,title_en,synonyms,risk_micro,risk_small,risk_medium,risk_large,raise_parameter,raise_label,raise_label_en,raise_above,raise_to,supporting,supporting_home_food,source,source_date";

    private static ActivityCsv.Result Parse(params string[] lines) => ActivityCsv.Parse(new StringReader(string.Join("\n", lines)));

    [Fact]
    public void A_good_table_is_read_whole()
    {
        var r = Parse(Header,
            "10710,Industri Produk Roti dan Kue,Bread and cake making,kue rumahan;bakery,low,medium-low,medium-high,medium-high,,,,,,HALAL,SPP-IRT,demo,2026-11-01",
            "56102,Rumah/Warung Makan,Small eatery,warung makan,low,low,medium-low,medium-low,seats,Jumlah kursi,Seats,50,medium-low,HALAL,,demo,2026-10-01");
        Assert.True(r.Ok);
        Assert.Equal(2, r.Rows.Count);
        Assert.Equal(["kue rumahan", "bakery"], r.Rows[0].Synonyms);
        Assert.Equal(RiskLevel.MediumHigh, r.Rows[0].RiskAt(BusinessScale.Medium));
        Assert.Equal(["SPP-IRT"], r.Rows[0].SupportingHomeFood);
        Assert.Equal(new RiskRaise("seats", "Jumlah kursi", "Seats", 50, RiskLevel.MediumLow), r.Rows[1].Raise);
    }

    [Fact]
    public void Every_bad_line_is_reported_by_number_and_no_row_is_kept()
    {
        var r = Parse(Header,
            "10710,Roti,,,low,low,low,low,,,,,,,,demo,2026-11-01",
            "1071,Roti pendek,,,low,low,low,low,,,,,,,,demo,2026-11-01",
            "56102,Warung,,,low,very-low,low,low,,,,,,,,demo,2026-11-01",
            "47112,Kelontong,,,low,low,low,low,,,,,,VISA,,demo,2026-11-01",
            "10710,Roti lagi,,,low,low,low,low,,,,,,,,demo,2026-11-01",
            "96200,Laundry,,,low,low,low,low,,,,,,,,demo,1 Nov 2026");
        Assert.False(r.Ok);
        Assert.Empty(r.Rows);
        Assert.Equal([3, 4, 5, 6, 7], r.Errors.Select(e => e.Line));
        Assert.Contains("kbli '1071'", r.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("risk_small 'very-low'", r.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("VISA", r.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("kbli 10710", r.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains(" 2.", r.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("source_date", r.Errors[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_and_missing_columns_refuse_the_file_at_its_header()
    {
        var r = Parse(Header.Replace("supporting_home_food", "colour", StringComparison.Ordinal), "10710,Roti,,,low,low,low,low,,,,,,,,demo,2026-11-01");
        Assert.False(r.Ok);
        Assert.Single(r.Errors, x => x.Line == 1 && x.Message.Contains("colour", StringComparison.Ordinal));
        Assert.Contains(r.Errors, x => x.Line == 1 && x.Message.Contains("supporting_home_food", StringComparison.Ordinal));
        Assert.Empty(r.Rows);
    }

    [Fact]
    public void A_row_with_a_missing_cell_is_a_bad_line()
    {
        var r = Parse(Header, "10710,Roti,,,low,low,low,low,,,,,,,demo,2026-11-01");
        Assert.Equal(2, Assert.Single(r.Errors).Line);
    }

    [Fact]
    public void A_raise_needs_its_label_threshold_and_level()
    {
        var r = Parse(Header, "56102,Warung,,,low,low,low,low,seats,,,fifty,medium,,,demo,2026-11-01");
        var e = Assert.Single(r.Errors);
        Assert.Contains("raise_label", e.Message, StringComparison.Ordinal);
        Assert.Contains("raise_above", e.Message, StringComparison.Ordinal);
        Assert.Contains("raise_to", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_quoting_is_a_bad_line()
    {
        var r = Parse(Header, "\"10710,Roti,,,low,low,low,low,,,,,,,,demo,2026-11-01");
        Assert.False(r.Ok);
        Assert.Empty(r.Rows);
    }

    [Fact]
    public void The_demo_table_passes_the_import_checks_and_holds_the_common_micro_businesses()
    {
        using var reader = LicensingDemo.OpenTable();
        var r = ActivityCsv.Parse(reader);
        Assert.True(r.Ok, string.Join("\n", r.Errors.Select(e => e.Message)));
        Assert.True(r.Rows.Count >= 30);
        var index = new ActivityIndex(r.Rows);
        // Food at home, a small eatery, a grocery, a motorcycle workshop, a laundry, a barbershop, tailoring,
        // photocopying, a homestay: each found by everyday words.
        foreach (var (words, kbli) in new[]
                 {
                     ("kue rumahan", "10710"), ("warung makan", "56102"), ("toko kelontong", "47112"), ("bengkel motor", "45405"),
                     ("laundry", "96200"), ("barbershop", "96111"), ("penjahit", "14120"), ("fotokopi", "82190"), ("homestay", "55130"),
                 })
            Assert.Equal(kbli, index.Search(words)[0].Kbli);
        Assert.Contains(r.Rows, a => a.Raise is not null);
        Assert.All(r.Rows, a => Assert.Contains("bukan data resmi", a.Source, StringComparison.Ordinal));
    }

    [Fact]
    public void Search_by_code_prefix_and_close_codes_of_an_unknown_one()
    {
        using var reader = LicensingDemo.OpenTable();
        var index = new ActivityIndex(ActivityCsv.Parse(reader).Rows);
        Assert.All(index.Search("561"), a => Assert.StartsWith("561", a.Kbli, StringComparison.Ordinal));
        Assert.Equal(["56101", "56102", "56103"], index.Search("561").Select(a => a.Kbli));
        Assert.Empty(index.Search("kapal selam"));
        // Words match as typed so far, in any order; every word must match.
        Assert.Equal(["45201", "45405"], index.Search("bengk").Select(a => a.Kbli));
        Assert.Equal(["45405"], index.Search("motor bengkel").Select(a => a.Kbli));
        Assert.Empty(index.Search("bengkel kue"));
        Assert.Equal("96200", index.Search("LAUNDRY").Single().Kbli);
        Assert.Equal(["56101", "56102", "56103"], index.CloseTo("56109").Select(a => a.Kbli));
    }
}
