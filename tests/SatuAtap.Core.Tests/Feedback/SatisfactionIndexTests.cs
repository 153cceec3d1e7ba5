using SatuAtap.Core.Feedback;

namespace SatuAtap.Core.Tests.Feedback;

public sealed class SatisfactionIndexTests
{
    private static List<ElementTally> Same(long sum, long answers) => Enumerable.Repeat(new ElementTally(sum, answers), 9).ToList();

    [Fact]
    public void All_fours_give_100_and_A_and_all_ones_give_25_and_D()
    {
        var best = SatisfactionIndex.Compute(Same(40, 10));
        Assert.Equal(100m, best.Ikm);
        Assert.Equal("A", best.Grade!.Code);
        Assert.Equal("Sangat Baik", best.Grade.Label);
        var worst = SatisfactionIndex.Compute(Same(10, 10));
        Assert.Equal(25m, worst.Ikm);
        Assert.Equal("D", worst.Grade!.Code);
        Assert.Equal("Tidak Baik", worst.Grade.Label);
    }

    [Fact]
    public void Nrr_is_sum_over_answers_and_the_index_is_the_mean_nrr_times_25()
    {
        // U1: 10 over 3 answers (3.333…), the rest 3.0: Σ NRR = 27.333…, index = 27.333… × 25 ÷ 9 = 75.925925…
        var tallies = new List<ElementTally> { new(10, 3) };
        tallies.AddRange(Enumerable.Repeat(new ElementTally(9, 3), 8));
        var r = SatisfactionIndex.Compute(tallies);
        Assert.Equal(10m / 3, r.Elements[0].Nrr);
        Assert.Equal(3m, r.Elements[1].Nrr);
        Assert.Equal(10m / 3 / 9, r.Elements[0].WeightedNrr);
        Assert.Equal(75.93m, SatisfactionIndex.Shown(r.Ikm!.Value));
        Assert.Equal("C", r.Grade!.Code);
        Assert.Equal("U1", r.Priorities[^1].Element.Code); // the strongest element comes last
    }

    [Fact]
    public void The_exact_weight_gives_A_where_a_rounded_weight_gives_B()
    {
        // Every element averages 3.5324 (8,831 points over 2,500 answers): exactly 88.31, the lowest A.
        var r = SatisfactionIndex.Compute(Same(8831, 2500));
        Assert.Equal(88.31m, r.Ikm);
        Assert.Equal("A", r.Grade!.Code);
        var nrrs = r.Elements.Select(e => e.Nrr).ToList();
        var with111 = SatisfactionIndex.WithRoundedWeight(nrrs, 0.111m);
        var with11 = SatisfactionIndex.WithRoundedWeight(nrrs, 0.11m);
        Assert.Equal(88.22m, Math.Round(with111, 2));
        Assert.Equal(87.43m, Math.Round(with11, 2));
        Assert.Equal("B", SatisfactionIndex.GradeOf(with111).Code);
        Assert.Equal("B", SatisfactionIndex.GradeOf(with11).Code);
    }

    [Theory]
    [InlineData("100", "A")]
    [InlineData("88.31", "A")]
    [InlineData("88.305", "A")] // rounds to 88.31
    [InlineData("88.3049", "B")]
    [InlineData("88.30", "B")]
    [InlineData("76.61", "B")]
    [InlineData("76.605", "B")]
    [InlineData("76.60", "C")]
    [InlineData("65.00", "C")]
    [InlineData("64.995", "C")]
    [InlineData("64.99", "D")]
    [InlineData("25", "D")]
    public void Grade_bounds_are_read_on_the_index_rounded_to_two_decimals(string ikm, string grade) =>
        Assert.Equal(grade, SatisfactionIndex.GradeOf(decimal.Parse(ikm, System.Globalization.CultureInfo.InvariantCulture)).Code);

    [Fact]
    public void An_element_nobody_answered_leaves_no_index()
    {
        var tallies = Same(30, 10).ToList();
        tallies[4] = new ElementTally(0, 0);
        var r = SatisfactionIndex.Compute(tallies);
        Assert.Null(r.Ikm);
        Assert.Null(r.Grade);
        Assert.DoesNotContain(r.Priorities, p => p.Element.Code == "U5");
    }

    [Fact]
    public void Priorities_are_the_weakest_elements_first()
    {
        var tallies = Same(35, 10).ToList();
        tallies[2] = new ElementTally(21, 10); // U3 2.1
        tallies[8] = new ElementTally(25, 10); // U9 2.5
        var r = SatisfactionIndex.Compute(tallies);
        Assert.Equal(["U3", "U9", "U1"], r.Priorities.Take(3).Select(p => p.Element.Code));
    }

    [Fact]
    public void Nine_elements_in_the_kept_order()
    {
        Assert.Equal(["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"], SatisfactionIndex.Elements.Select(e => e.Code));
        Assert.Equal("Sarana dan prasarana", SatisfactionIndex.Elements[8].Name);
        Assert.False(SatisfactionIndex.IsValidScore(0));
        Assert.False(SatisfactionIndex.IsValidScore(5));
        Assert.True(SatisfactionIndex.IsValidScore(1));
        Assert.True(SatisfactionIndex.IsValidScore(4));
    }
}
