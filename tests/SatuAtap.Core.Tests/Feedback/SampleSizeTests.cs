using SatuAtap.Core.Feedback;

namespace SatuAtap.Core.Tests.Feedback;

public sealed class SampleSizeTests
{
    [Theory]
    [InlineData(10, 10)]
    [InlineData(50, 44)]
    [InlineData(100, 80)]
    [InlineData(200, 132)]
    [InlineData(500, 217)]
    [InlineData(1_000, 278)]
    [InlineData(2_000, 322)]
    [InlineData(5_000, 357)]
    [InlineData(10_000, 370)]
    [InlineData(50_000, 381)]
    [InlineData(100_000, 384)]
    [InlineData(2_850_000, 384)]
    public void The_published_rows(long population, int sample) => Assert.Equal(sample, SampleSize.For(population));

    [Theory]
    [InlineData(101, 86)] // between 100 and 110: the larger row
    [InlineData(1_001, 285)]
    [InlineData(9_999, 370)]
    [InlineData(75_001, 384)]
    public void Between_two_rows_the_larger_rows_sample(long population, int sample) => Assert.Equal(sample, SampleSize.For(population));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(9, 9)]
    public void Below_the_first_row_everyone_is_asked(long population, int sample) => Assert.Equal(sample, SampleSize.For(population));

    [Fact]
    public void The_table_rises_with_the_population()
    {
        for (var i = 1; i < SampleSize.Table.Count; i++)
        {
            Assert.True(SampleSize.Table[i].Population > SampleSize.Table[i - 1].Population);
            Assert.True(SampleSize.Table[i].Sample >= SampleSize.Table[i - 1].Sample);
        }
    }
}
