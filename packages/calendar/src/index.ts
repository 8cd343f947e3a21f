export {
  addJstDays,
  endOfJstDay,
  isCalendarDate,
  jstDate,
  oneYearBefore,
  parseCalendarDate,
  startOfJstDay,
  type CalendarDateParts,
} from './jst-calendar.ts';
