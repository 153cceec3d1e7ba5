using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Applications;

/// <summary>The due date across the Christmas holidays of 2026 and a pause while the citizen corrects, with a fixed clock.</summary>
public sealed class DueDateTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private void SetLocal(int month, int day, int hour = 9) =>
        mall.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(7)));

    [Fact]
    public async Task DueDate_SkipsHolidays_AndGrowsByThePausedWorkingDays()
    {
        SetLocal(12, 23); // Wednesday; 24 (collective leave) and 25 (Christmas) are off, then the weekend.
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, _) = await SubmittedKtpAsync(citizen);
        var detail = await citizen.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.Equal("2026-12-28", detail["dueDate"]!.GetValue<string>()); // 1 working day: Monday 28

        await ActOkAsync(officer, id, "claim");
        SetLocal(12, 28);
        officer = await mall.ClientForAsync(Accounts.DukcapilOfficer); // sign in again: tokens expire as the clock moves
        await ActOkAsync(officer, id, "return", "Lengkapi dokumen.");
        SetLocal(12, 30); // returned Monday, corrected Wednesday: Tuesday 29 and Wednesday 30 were spent waiting
        citizen = await mall.ClientForAsync(Accounts.Citizen);
        var resubmitted = await (await citizen.PostAsync($"/api/v1/applications/{id}/submit", null)).ReadJsonAsync();
        Assert.Equal("2026-12-30", resubmitted["dueDate"]!.GetValue<string>());
        var after = await citizen.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.Equal(2, after["pausedWorkingDays"]!.GetValue<int>());
        Assert.False(after["overdue"]!.GetValue<bool>());

        SetLocal(12, 31);
        officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var late = await officer.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.True(late["overdue"]!.GetValue<bool>());
        var overdue = await officer.GetJsonAsync("/api/v1/inbox?overdue=true&pageSize=100");
        Assert.Contains(overdue["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id && i["overdue"]!.GetValue<bool>());
        var notOverdue = await officer.GetJsonAsync("/api/v1/inbox?overdue=false&pageSize=100");
        Assert.DoesNotContain(notOverdue["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id);
        var bad = await (await officer.GetAsync("/api/v1/inbox?overdue=maybe")).AssertProblemAsync(400);
        Assert.NotNull(bad["errors"]!["overdue"]);
    }
}
