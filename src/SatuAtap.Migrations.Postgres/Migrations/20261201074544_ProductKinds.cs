using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProductKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Standard_ProductKind",
                table: "Services",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Document");
            // The demo catalog's cards and things to collect, as a fresh seed now sets them (other services stay documents).
            foreach (var (kind, codes) in new[]
            {
                ("Card", "'DKP-KTP','DKP-KTP-GANTI','DKP-KIA','POL-SIM-C','POL-SIM-A','NAK-AK1'"),
                ("Item", "'IMI-PASPOR','IMI-PASPOR-GANTI','SAM-STNK5','KMG-DUPLIKAT'"),
                ("Letter", "'NAK-PP','BJB-KUR'"),
            })
                migrationBuilder.Sql($"UPDATE \"Services\" SET \"Standard_ProductKind\" = '{kind}' WHERE \"IsDemo\" = TRUE AND \"Code\" IN ({codes})");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Standard_ProductKind",
                table: "Services");
        }
    }
}
