using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TypedFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FieldType",
                table: "Requirements",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Text");

            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "Agencies",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Agencies",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "OpeningHours",
                table: "Agencies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "OpeningHoursEn",
                table: "Agencies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "Agencies",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            // Fields typed by the rules that recognised them from their names before types existed; the rest stay text.
            migrationBuilder.Sql("""
                UPDATE "Requirements" SET "FieldType" = 'Nik' WHERE "Kind" = 'Field' AND (lower("Name") = 'nik'
                    OR (lower("Name") LIKE 'nik %' AND lower("Name") NOT LIKE '% dan %' AND lower("Name") NOT LIKE '% atau %'
                        AND lower("Name") NOT LIKE '%seluruh%' AND lower("Name") NOT LIKE '%kedua%'));
                UPDATE "Requirements" SET "FieldType" = 'Phone' WHERE "Kind" = 'Field' AND lower("Name") IN ('nomor ponsel aktif', 'nomor ponsel', 'nomor telepon');
                UPDATE "Requirements" SET "FieldType" = 'Date' WHERE "Kind" = 'Field' AND lower("Name") IN ('tanggal lahir', 'tanggal perkawinan');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FieldType",
                table: "Requirements");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "OpeningHours",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "OpeningHoursEn",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "Agencies");
        }
    }
}
