using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Notifications;

namespace SatuAtap.Core.Tests.Applications;

/// <summary>The default messages are data of the Notifications module, keyed by the Applications module's status codes.</summary>
public sealed class ApplicationMessagesTests
{
    [Fact]
    public void EveryStatusButTheDraft_HasItsDefaultEmail_InBothLanguages()
    {
        var expected = Enum.GetValues<ApplicationStatus>().Where(s => s != ApplicationStatus.Draft).Select(ApplicationCodes.Status).ToList();
        Assert.Equal(expected, NotificationDefaults.ApplicationStatusCodes);
        var templates = NotificationDefaults.All().ToList();
        foreach (var status in expected)
        {
            var code = NotificationDefaults.ApplicationEvent(status);
            Assert.Equal($"application.{status}", code);
            Assert.Contains(templates, t => t.EventCode == code && t.Language == Lang.Indonesian && t.Channel == Channels.Email);
            Assert.Contains(templates, t => t.EventCode == code && t.Language == Lang.English && t.Channel == Channels.Email);
        }
    }
}
