import Foundation
import Graphics
import Testing

@Test func smoke() throws {
  let image = try ImageSurface(widthPx: 800, heightPx: 300, scale: 2)
  let ctx = try image.makeContext()
  ctx.paint(.white)
  let style = TextStyle(size: 14, weight: .bold, color: .black)
  ctx.draw("民生统计月报 1,234 件 西湖区", at: Point(x: 10, y: 10), style: style)
  ctx.draw("江川经济技术开发区", at: Point(x: 200, y: 140), style: TextStyle(size: 9), anchor: .right, rotation: 45)
  ctx.stroke(
    .line(from: Point(x: 0, y: 140), to: Point(x: 400, y: 140)), style: StrokeStyle(color: .black, width: 0.5)
  )
  let s = ctx.measure("江川经济技术开发区", style: TextStyle(size: 9))
  print(s, ctx.typesetter.families)
  try ctx.checkStatus()
  try image.writePNG(to: URL(fileURLWithPath: "/tmp/smoke.png"), dpi: 144)
  print(try PNGInfo(contentsOf: URL(fileURLWithPath: "/tmp/smoke.png")))
}
