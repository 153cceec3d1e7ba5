using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Licensing;

/// <summary>One row of the activity table in force (see <see cref="ActivityDefinition"/>); replaced as a whole by an import.</summary>
public sealed class LicensingActivity : Entity
{
    public required string Kbli { get; set; }
    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    /// <summary>Everyday words, separated by <c>;</c>.</summary>
    public string Synonyms { get; set; } = "";
    /// <summary>Risk codes (<c>low</c>, <c>medium-low</c>, <c>medium-high</c>, <c>high</c>) for micro, small, medium and large businesses, separated by <c>;</c>.</summary>
    public required string RiskByScale { get; set; }
    public string? RaiseParameter { get; set; }
    public string? RaiseLabel { get; set; }
    public string? RaiseLabelEn { get; set; }
    public decimal? RaiseAbove { get; set; }
    public string? RaiseTo { get; set; }
    /// <summary>Supporting permit codes, separated by <c>;</c>.</summary>
    public string Supporting { get; set; } = "";
    /// <summary>Supporting permit codes needed when the food is made at home, separated by <c>;</c>.</summary>
    public string SupportingHomeFood { get; set; } = "";
    public required string Source { get; set; }
    public DateOnly SourceDate { get; set; }

    public static LicensingActivity From(ActivityDefinition a) => new()
    {
        Kbli = a.Kbli, Title = a.Title, TitleEn = a.TitleEn, Synonyms = string.Join(';', a.Synonyms),
        RiskByScale = string.Join(';', a.RiskByScale.Select(RiskCodes.Code)),
        RaiseParameter = a.Raise?.Parameter, RaiseLabel = a.Raise?.Label, RaiseLabelEn = a.Raise?.LabelEn, RaiseAbove = a.Raise?.Above,
        RaiseTo = a.Raise is { } r ? RiskCodes.Code(r.To) : null,
        Supporting = string.Join(';', a.Supporting), SupportingHomeFood = string.Join(';', a.SupportingHomeFood),
        Source = a.Source, SourceDate = a.SourceDate,
    };

    public ActivityDefinition ToDefinition()
    {
        static List<string> Split(string s) => s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var raise = RaiseParameter is { } p && RaiseAbove is { } above && RiskCodes.ParseRisk(RaiseTo) is { } to
            ? new RiskRaise(p, RaiseLabel ?? p, RaiseLabelEn, above, to) : null;
        return new ActivityDefinition(Kbli, Title, TitleEn, Split(Synonyms), Split(RiskByScale).Select(c => RiskCodes.ParseRisk(c) ?? RiskLevel.High).ToList(),
            raise, Split(Supporting), Split(SupportingHomeFood), Source, SourceDate);
    }
}

/// <summary>The activity table in force as a whole: where it comes from, its date, whether it is the demo table, when it was imported.</summary>
public sealed class LicensingTable : Entity
{
    public required string Source { get; set; }
    /// <summary>The latest source date of its rows: the table's date shown on every answer.</summary>
    public DateOnly SourceDate { get; set; }
    public bool IsDemo { get; set; }
    public int ActivityCount { get; set; }
    public DateTime ImportedAtUtc { get; set; }
    public string ImportedByName { get; set; } = "";

    /// <summary>The version every answer carries: the table's date and the moment it was imported.</summary>
    public string Version => $"{SourceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}+{ImportedAtUtc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
}

internal sealed class LicensingActivityConfiguration : IEntityTypeConfiguration<LicensingActivity>
{
    public void Configure(EntityTypeBuilder<LicensingActivity> b)
    {
        b.HasIndex(a => a.Kbli).IsUnique();
        b.Property(a => a.Kbli).HasMaxLength(5);
        b.Property(a => a.Title).HasMaxLength(300);
        b.Property(a => a.TitleEn).HasMaxLength(300);
        b.Property(a => a.Synonyms).HasMaxLength(2000);
        b.Property(a => a.RiskByScale).HasMaxLength(64);
        b.Property(a => a.RaiseParameter).HasMaxLength(40);
        b.Property(a => a.RaiseLabel).HasMaxLength(100);
        b.Property(a => a.RaiseLabelEn).HasMaxLength(100);
        b.Property(a => a.RaiseAbove).HasPrecision(18, 2);
        b.Property(a => a.RaiseTo).HasMaxLength(16);
        b.Property(a => a.Supporting).HasMaxLength(200);
        b.Property(a => a.SupportingHomeFood).HasMaxLength(200);
        b.Property(a => a.Source).HasMaxLength(200);
    }
}

internal sealed class LicensingTableConfiguration : IEntityTypeConfiguration<LicensingTable>
{
    public void Configure(EntityTypeBuilder<LicensingTable> b)
    {
        b.Property(t => t.Source).HasMaxLength(400);
        b.Property(t => t.ImportedByName).HasMaxLength(200);
        b.Ignore(t => t.Version);
    }
}
