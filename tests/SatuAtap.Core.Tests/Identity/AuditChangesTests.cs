using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Tests.Identity;

public sealed class AuditChangesTests
{
    [Fact]
    public void AnUpdate_ListsOnlyTheFieldsThatChanged()
    {
        var changes = AuditChanges.Diff("""{"Name":"Loket 1","Open":"08:00","Active":true,"Note":null}""",
            """{"Name":"Loket 1","Open":"07:30","Active":false,"Note":"pindah"}""");
        Assert.Equal(
            [new("Active", "true", "false"), new("Note", null, "pindah"), new("Open", "08:00", "07:30")],
            changes);
    }

    [Fact]
    public void ACreatedRecord_ListsWhatItWasGiven_AndADeletedOneWhatItHad()
    {
        Assert.Equal([new("Date", null, "2029-06-06"), new("Name", null, "Idul Adha")],
            AuditChanges.Diff(null, """{"Date":"2029-06-06","Name":"Idul Adha","NameEn":null}"""));
        Assert.Equal([new("Code", "PKB", null)], AuditChanges.Diff("""{"Code":"PKB","Note":""}""", null));
    }

    [Theory]
    [InlineData("""{"Id":"0193","Name":"Penerbitan KTP-el","Code":"DKP-KTP"}""", "Penerbitan KTP-el")]
    [InlineData("""{"Id":"0193","Number":"415/001/MoU","Title":"Kerja sama"}""", "Kerja sama")]
    [InlineData("""{"Id":"0193","Term":"pajak motor"}""", "pajak motor")]
    [InlineData("""{"Id":"0193"}""", null)]
    [InlineData("not json", null)]
    public void TheRecordIsCalledByItsName(string snapshot, string? name) =>
        Assert.Equal(name, AuditChanges.NameOf(null, snapshot));

    [Fact]
    public void ASnapshotInAnotherShape_IsShownWhole()
    {
        Assert.Equal([new("(data)", null, "not json")], AuditChanges.Diff(null, "not json"));
    }
}
