import { findUnmaskedPersonalData, maskAddress, maskIdNumber, maskName, maskPhone } from '../../src/core/mask'

describe('masking', () => {
  it('masks phones, ID numbers, addresses and names', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskIdNumber('440306199001011234')).toBe('4403**********1234')
    expect(maskAddress('宝安区西乡街道固戍社区南昌路12号')).toBe('宝安区西乡街道****')
    expect(maskName('张晓梅')).toBe('张**')
  })

  it('finds what slipped through unmasked', () => {
    expect(findUnmaskedPersonalData('电话 138****1234')).toBeNull()
    expect(findUnmaskedPersonalData('电话 13812341234')).toBe('13812341234')
    expect(findUnmaskedPersonalData('证件 44030619900101123X')).toBe('44030619900101123X')
    expect(findUnmaskedPersonalData('编号 req-12345678901234567890')).toBeNull()
  })
})
