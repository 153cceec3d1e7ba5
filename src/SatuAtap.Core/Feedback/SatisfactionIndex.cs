using SatuAtap.Core.Common;

namespace SatuAtap.Core.Feedback;

/// <summary>One of the nine survey elements of PermenPANRB 14/2017, in the order the mall keeps (U8 complaints, U9 facilities).</summary>
public sealed record SurveyElement(string Code, string Name, string NameEn)
{
    public string DisplayName => Lang.Pick(Name, NameEn);
}

/// <summary>The grade read from an index (A Sangat Baik … D Tidak Baik).</summary>
public sealed record SurveyGrade(string Code, string Label, string LabelEn)
{
    public string DisplayLabel => Lang.Pick(Label, LabelEn);
}

/// <summary>An element's answers: the sum of its scores and how many answered it.</summary>
public readonly record struct ElementTally(long Sum, long Answers);

/// <summary>An element's result: its average (NRR) and its weighted NRR (NRR × 1/9).</summary>
public sealed record ElementResult(SurveyElement Element, long Answers, decimal Nrr, decimal WeightedNrr);

/// <summary>The computed index: each element's NRR, the index (25–100) and its grade; null index when nobody answered.</summary>
public sealed record IndexResult(IReadOnlyList<ElementResult> Elements, decimal? Ikm, SurveyGrade? Grade)
{
    /// <summary>The weakest elements first (lowest NRR), the improvement priorities; ties keep the element order.</summary>
    public IReadOnlyList<ElementResult> Priorities => Elements.Where(e => e.Answers > 0).OrderBy(e => e.Nrr).ToList();
}

/// <summary>
/// The community satisfaction index (IKM) of PermenPANRB 14/2017, computed exactly: NRR per element = sum ÷ answers,
/// each element weighs exactly 1/9, IKM = Σ(NRR × 1/9) × 25, and the grade is read from the IKM rounded to two
/// decimals. Decimal arithmetic; the division by 9 is done once, last, so no rounded weight (0.11, 0.111) enters.
/// </summary>
public static class SatisfactionIndex
{
    public const int Lowest = 1;
    public const int Highest = 4;
    public const int ElementCount = 9;

    public static readonly IReadOnlyList<SurveyElement> Elements =
    [
        new("U1", "Persyaratan", "Requirements"),
        new("U2", "Sistem, mekanisme, dan prosedur", "Systems, mechanisms and procedures"),
        new("U3", "Waktu penyelesaian", "Completion time"),
        new("U4", "Biaya/tarif", "Cost/tariff"),
        new("U5", "Produk spesifikasi jenis pelayanan", "Product specification"),
        new("U6", "Kompetensi pelaksana", "Staff competence"),
        new("U7", "Perilaku pelaksana", "Staff behaviour"),
        new("U8", "Penanganan pengaduan, saran, dan masukan", "Handling of complaints, suggestions and input"),
        new("U9", "Sarana dan prasarana", "Facilities"),
    ];

    public static readonly SurveyGrade A = new("A", "Sangat Baik", "Very good");
    public static readonly SurveyGrade B = new("B", "Baik", "Good");
    public static readonly SurveyGrade C = new("C", "Kurang Baik", "Poor");
    public static readonly SurveyGrade D = new("D", "Tidak Baik", "Very poor");

    /// <summary>Whether a score is on the scale (1–4).</summary>
    public static bool IsValidScore(int score) => score is >= Lowest and <= Highest;

    /// <summary>The index of nine tallies (U1…U9). Elements nobody answered count as missing: no index then.</summary>
    public static IndexResult Compute(IReadOnlyList<ElementTally> tallies)
    {
        if (tallies.Count != ElementCount) throw new ArgumentException("Nine element tallies are needed.", nameof(tallies));
        var results = new List<ElementResult>(ElementCount);
        var nrrSum = 0m;
        var complete = true;
        for (var i = 0; i < ElementCount; i++)
        {
            var t = tallies[i];
            if (t.Answers <= 0)
            {
                complete = false;
                results.Add(new ElementResult(Elements[i], 0, 0m, 0m));
                continue;
            }
            var nrr = (decimal)t.Sum / t.Answers;
            nrrSum += nrr;
            results.Add(new ElementResult(Elements[i], t.Answers, nrr, nrr / ElementCount));
        }
        if (!complete) return new IndexResult(results, null, null);
        // Σ(NRR × 1/9) × 25 = Σ NRR × 25 ÷ 9: one division, so the weight is exactly 1/9.
        var ikm = nrrSum * 25m / ElementCount;
        return new IndexResult(results, ikm, GradeOf(ikm));
    }

    /// <summary>The same index with each weight rounded to <paramref name="weight"/> (0.11, 0.111) as some publishers do: for comparison only.</summary>
    public static decimal WithRoundedWeight(IReadOnlyList<decimal> nrrs, decimal weight) => nrrs.Sum(n => n * weight) * 25m;

    /// <summary>The grade of an index: read on the index rounded to two decimals (A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, else D).</summary>
    public static SurveyGrade GradeOf(decimal ikm)
    {
        var rounded = Math.Round(ikm, 2, MidpointRounding.AwayFromZero);
        return rounded switch
        {
            >= 88.31m => A,
            >= 76.61m => B,
            >= 65.00m => C,
            _ => D,
        };
    }

    /// <summary>The index shown to people: two decimals.</summary>
    public static decimal Shown(decimal ikm) => Math.Round(ikm, 2, MidpointRounding.AwayFromZero);
}
