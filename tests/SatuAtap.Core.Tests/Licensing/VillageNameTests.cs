using SatuAtap.Core.Licensing;

namespace SatuAtap.Core.Tests.Licensing;

/// <summary>The village where a business runs: optional free text, one rule for the API and the pages.</summary>
public sealed class VillageNameTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("Cibadak", "Cibadak")]
    [InlineData("  Kel.   Gunung  Puyuh ", "Kel. Gunung Puyuh")]
    [InlineData("Sukaraja II", "Sukaraja II")]
    public void The_village_is_kept_trimmed_with_single_spaces(string? given, string? kept)
    {
        Assert.Null(VillageName.Error(given));
        Assert.Equal(kept, VillageName.Normalize(given));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("Cibadak<script>")]
    [InlineData("Desa; DROP")]
    [InlineData("Desa\u0000")]
    public void A_village_too_short_or_with_other_signs_is_refused(string given) => Assert.NotNull(VillageName.Error(given));

    [Fact]
    public void A_village_longer_than_the_column_is_refused()
    {
        Assert.Null(VillageName.Error(new string('a', LicensingBundle.MaxVillage)));
        Assert.NotNull(VillageName.Error(new string('a', LicensingBundle.MaxVillage + 1)));
    }
}
