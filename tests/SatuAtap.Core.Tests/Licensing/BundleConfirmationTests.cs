using SatuAtap.Core.Licensing;

namespace SatuAtap.Core.Tests.Licensing;

public sealed class BundleConfirmationTests
{
    private static readonly Guid Bundle = Guid.Parse("01939a5e-0000-7000-8000-000000000001");
    private static readonly DateTime Now = new(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_code_sent_confirms_in_time_typed_with_spaces_or_dashes()
    {
        var stored = BundleConfirmation.Hash(Bundle, "042917");
        Assert.Equal(ConfirmationCheck.Confirmed, BundleConfirmation.Verify(stored, Now.AddMinutes(30), 0, Bundle, "042917", Now));
        Assert.Equal(ConfirmationCheck.Confirmed, BundleConfirmation.Verify(stored, Now.AddMinutes(30), 4, Bundle, " 042-917 ", Now));
    }

    [Fact]
    public void A_code_fits_only_its_own_bundle_and_is_never_stored_as_typed()
    {
        var stored = BundleConfirmation.Hash(Bundle, "042917");
        Assert.DoesNotContain("042917", stored, StringComparison.Ordinal);
        Assert.Equal(ConfirmationCheck.Wrong, BundleConfirmation.Verify(stored, Now.AddMinutes(30), 0, Guid.CreateVersion7(), "042917", Now));
        Assert.Equal(ConfirmationCheck.Wrong, BundleConfirmation.Verify(stored, Now.AddMinutes(30), 0, Bundle, "042918", Now));
        Assert.Equal(ConfirmationCheck.Wrong, BundleConfirmation.Verify(stored, Now.AddMinutes(30), 0, Bundle, "abcdef", Now));
    }

    [Fact]
    public void After_five_wrong_codes_even_the_right_one_is_refused()
    {
        var stored = BundleConfirmation.Hash(Bundle, "042917");
        Assert.Equal(ConfirmationCheck.Spent, BundleConfirmation.Verify(stored, Now.AddMinutes(30), BundleConfirmation.MaxWrongCodes, Bundle, "042917", Now));
    }

    [Fact]
    public void An_expired_or_used_code_is_refused()
    {
        var stored = BundleConfirmation.Hash(Bundle, "042917");
        Assert.Equal(ConfirmationCheck.Expired, BundleConfirmation.Verify(stored, Now, 0, Bundle, "042917", Now));
        Assert.Equal(ConfirmationCheck.NoCode, BundleConfirmation.Verify(null, null, 0, Bundle, "042917", Now));
    }

    [Fact]
    public void At_most_five_codes_are_sent_and_each_is_six_digits()
    {
        Assert.True(BundleConfirmation.MaySend(4));
        Assert.False(BundleConfirmation.MaySend(5));
        Assert.All(Enumerable.Range(0, 50).Select(_ => BundleConfirmation.NewCode()), c => Assert.Matches("^[0-9]{6}$", c));
    }

    [Theory]
    [InlineData("pemilik.toko@example.test", "p***@e***.test")]
    [InlineData("+6281234567890", "+628******7890")]
    public void Contacts_are_shown_mostly_hidden(string contact, string shown) => Assert.Equal(shown, BundleConfirmation.MaskContact(contact));
}
