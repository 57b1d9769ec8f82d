// Chart axes in Dutch notation (15.000, 0,5), like the tables: an ECharts
// option for the value axis, passed to a chart as echartsOptions.
const notatie = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });

export const nlGetal = (waarde) => (typeof waarde === 'number' ? notatie.format(waarde) : waarde);

// `as` is the value axis: 'yAxis' for upright bars, 'xAxis' for swapXY=true.
export const waardeAsNl = (as) => ({ [as]: { axisLabel: { formatter: nlGetal } } });
