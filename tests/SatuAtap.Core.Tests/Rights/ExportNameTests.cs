using SatuAtap.Core.Rights;

namespace SatuAtap.Core.Tests.Rights;

public sealed class ExportNameTests
{
    [Theory]
    [InlineData("kartu keluarga.pdf", "kartu_keluarga.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("", "dokumen")]
    [InlineData("...", "dokumen")]
    [InlineData("akta kelahiran (asli).png", "akta_kelahiran__asli_.png")]
    public void FileNames_InTheZip_AreSafe(string name, string expected) => Assert.Equal(expected, ExportPersonalData.SafeName(name));
}
