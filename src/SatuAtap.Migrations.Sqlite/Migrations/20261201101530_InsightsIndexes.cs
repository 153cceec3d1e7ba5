using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InsightsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_QueueTickets_Day",
                table: "QueueTickets",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_QueueBookings_Day_Status",
                table: "QueueBookings",
                columns: new[] { "Day", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_AnsweredOn",
                table: "Complaints",
                column: "AnsweredOn");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_DecidedAtUtc",
                table: "Applications",
                column: "DecidedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationEvents_Action_AtUtc",
                table: "ApplicationEvents",
                columns: new[] { "Action", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueueTickets_Day",
                table: "QueueTickets");

            migrationBuilder.DropIndex(
                name: "IX_QueueBookings_Day_Status",
                table: "QueueBookings");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_AnsweredOn",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Applications_DecidedAtUtc",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_ApplicationEvents_Action_AtUtc",
                table: "ApplicationEvents");
        }
    }
}
