using MailKit.Security;
using SatuAtap.Core.Notifications;

namespace SatuAtap.Core.Tests.Notifications;

public sealed class SmtpSecurityTests
{
    [Theory]
    [InlineData(null, true, SecureSocketOptions.StartTls)]
    [InlineData("", true, SecureSocketOptions.StartTls)]
    [InlineData(null, false, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("SSL", true, SecureSocketOptions.SslOnConnect)]
    [InlineData("none", false, SecureSocketOptions.None)]
    public void Unset_RequiresTlsInProduction_AndUsesItWhenOfferedElsewhere(string? configured, bool production, SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpSecurity.Socket(SmtpSecurity.Effective(configured, production)));

    [Theory]
    [InlineData("auto")]
    [InlineData("none")]
    public void PlainTextModes_AreRefusedInProduction_UnlessAllowedOutright(string mode)
    {
        Assert.Contains("Notifications:Smtp:AllowPlainText", SmtpSecurity.Problem(mode, production: true, allowPlainText: false));
        Assert.Null(SmtpSecurity.Problem(mode, production: true, allowPlainText: true));
        Assert.Null(SmtpSecurity.Problem(mode, production: false, allowPlainText: false));
    }

    [Fact]
    public void TheProductionDefault_AndTls_AreAccepted_AnUnknownModeIsNot()
    {
        Assert.Null(SmtpSecurity.Problem(null, production: true, allowPlainText: false));
        Assert.Null(SmtpSecurity.Problem("starttls", production: true, allowPlainText: false));
        Assert.Contains("Notifications:Smtp:Security", SmtpSecurity.Problem("tls", production: false, allowPlainText: false));
    }
}
