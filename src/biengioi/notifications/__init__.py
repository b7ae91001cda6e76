"""Notifications: what the system tells a user (a task coming due, a task overdue), shown in the
header's badge and the "Thông báo" page, e-mailed when the user has an address; and the
scheduler that runs the reminder jobs other apps register."""
