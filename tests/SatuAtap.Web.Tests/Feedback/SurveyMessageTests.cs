using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Notifications;
using SatuAtap.Web.Tests.Applications;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Feedback.FeedbackDriver;

namespace SatuAtap.Web.Tests.Feedback;

/// <summary>The survey link inside the message an applicant receives when the application is completed.</summary>
public sealed partial class SurveyMessageTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task The_issued_message_carries_a_once_only_survey_link_on_the_public_address()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, number) = await ApplicationDriver.SubmittedKtpAsync(citizen);
        foreach (var action in new[] { "claim", "approve", "issue" })
            await ApplicationDriver.ActOkAsync(officer, id, action);

        var messages = await MessagesAsync(number);
        // Only the message of the completed application carries a survey link (a KTP-el is a card: issuing it makes the
        // application ready for pickup, one of the completed events).
        Assert.DoesNotContain(messages.Where(m => !NotificationDefaults.CompletedEvents.Contains(m.EventCode)), m => m.Body.Contains("/survei/", StringComparison.Ordinal));
        var issued = Assert.Single(messages, m => NotificationDefaults.CompletedEvents.Contains(m.EventCode) && m.Channel == Channels.Email);
        Assert.DoesNotContain("{surveyUrl}", issued.Body, StringComparison.Ordinal);
        var link = SurveyLink().Match(issued.Body);
        Assert.True(link.Success, issued.Body);
        Assert.StartsWith(MallFactory.PublicBaseUrl + "/survei/a", link.Value);

        // The link works once: the page opens, the response is taken, a second one is refused with 409.
        var anonymous = mall.CreateClient();
        var path = new Uri(link.Value).AbsolutePath;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        var token = path["/survei/".Length..];
        var first = await anonymous.PostJsonAsync("/api/v1/surveys/responses", Survey(null, Scores(4, 4, 3, 4, 4, 4, 4, 3, 3), token));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await (await anonymous.PostJsonAsync("/api/v1/surveys/responses", Survey(null, Scores(1, 1, 1, 1, 1, 1, 1, 1, 1), token))).AssertProblemAsync(409);
    }

    [Fact]
    public void Only_a_completed_applications_messages_may_use_the_survey_link()
    {
        Assert.Contains(NotificationDefaults.SurveyUrl, NotificationDefaults.PlaceholdersFor("application.issued"));
        Assert.Contains(NotificationDefaults.SurveyUrl, NotificationDefaults.PlaceholdersFor("application.readyForPickup"));
        Assert.DoesNotContain(NotificationDefaults.SurveyUrl, NotificationDefaults.PlaceholdersFor("application.submitted"));
        Assert.All(NotificationDefaults.All().Where(t => NotificationDefaults.CompletedEvents.Contains(t.EventCode)),
            t => Assert.Contains("{surveyUrl}", t.Body, StringComparison.Ordinal));
    }

    private async Task<List<OutboxMessage>> MessagesAsync(string number)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var all = await db.OutboxMessages.AsNoTracking().Where(m => m.EventCode.StartsWith("application.")).ToListAsync();
        return all.Where(m => m.Body.Contains(number, StringComparison.Ordinal) || m.Subject.Contains(number, StringComparison.Ordinal)).ToList();
    }

    [GeneratedRegex(@"https?://[^\s]+/survei/[A-Za-z0-9]+")]
    private static partial Regex SurveyLink();
}
