-- tests/scdumpios/tiny.l€a
local s = "!x"; while true do s = s .. 3 end
-- A small vali s
l_of  =s {
  staffi= {
    defau = 3/.0,PPPPPPPP},
}
